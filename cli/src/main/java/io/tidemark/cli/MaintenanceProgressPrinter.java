package io.tidemark.cli;

import io.tidemark.api.naming.TableName;
import io.tidemark.maintenance.retention.MaintenanceAction;
import io.tidemark.maintenance.retention.MaintenanceListener;
import io.tidemark.maintenance.retention.MaintenanceMetrics;
import java.io.PrintWriter;

/** Prints a line when a maintenance action starts and one when it is done. */
final class MaintenanceProgressPrinter implements MaintenanceListener {
  private final PrintWriter err;

  MaintenanceProgressPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void actionStarted(TableName table, MaintenanceAction action) {
    err.printf("[%s] %s...%n", table, action.describe());
    err.flush();
  }

  @Override
  public void actionFinished(TableName table, MaintenanceAction action, MaintenanceMetrics metrics, long millis) {
    err.printf("[%s] done in %s%n", table, Durations.format(millis));
    err.flush();
  }
}
