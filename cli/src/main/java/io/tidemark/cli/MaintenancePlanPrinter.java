package io.tidemark.cli;

import io.tidemark.api.naming.TableName;
import io.tidemark.maintenance.retention.MaintenanceAction;
import io.tidemark.maintenance.retention.MaintenancePlan;
import io.tidemark.maintenance.retention.TableMaintenancePlan;
import io.tidemark.maintenance.retention.TextValues;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.stream.Collectors;

/** Prints a maintenance plan: per table its policy, then each action in the order it runs, then what it keeps. */
final class MaintenancePlanPrinter {
  private MaintenancePlanPrinter() {}

  static void print(MaintenancePlan plan, Duration orphanFloor, PrintWriter out) {
    out.printf("Maintenance plan at %s (orphan files older than %s):%n", plan.plannedAt(),
        TextValues.duration(orphanFloor));
    for (TableMaintenancePlan table : plan.tables()) {
      out.printf("%s (%s; %s)%n", table.table(), table.kind().label(), table.policy().describe());
      int step = 1;
      for (MaintenanceAction action : table.actions()) {
        out.printf("  %d. %s%n", step++, action.describe());
      }
      table.notes().forEach(note -> out.printf("  - %s%n", note));
      if (table.actions().isEmpty() && table.notes().isEmpty()) {
        out.println("  nothing to do");
      }
    }
    if (!plan.skipped().isEmpty()) {
      out.printf("Left alone (not written by Tidemark): %s%n",
          plan.skipped().stream().map(TableName::toString).collect(Collectors.joining(", ")));
    }
    out.flush();
  }
}
