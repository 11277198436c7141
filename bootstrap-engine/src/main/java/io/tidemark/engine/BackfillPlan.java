package io.tidemark.engine;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.engine.plan.FillRange;
import java.util.List;

/**
 * What a backfill will do, decided before anything is written: which table, which partitions in which steps, and
 * which parts are computed. Printed by {@code --dry-run}; {@link JoinBackfill#run} executes it.
 */
public record BackfillPlan(
    String joinName,
    TableName outputTable,
    OutputTableState tableState,
    TableName leftTable,
    FillRange fill,
    List<String> parts) {

  public BackfillPlan {
    requireNonNull(joinName, "joinName is null");
    requireNonNull(outputTable, "outputTable is null");
    requireNonNull(tableState, "tableState is null");
    requireNonNull(leftTable, "leftTable is null");
    requireNonNull(fill, "fill is null");
    parts = List.copyOf(parts);
  }

  public boolean hasWork() {
    return !fill.isEmpty();
  }

  /** A few lines for people: the table, the days and steps, the parts. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append("Join ").append(joinName).append(" -> ").append(outputTable)
        .append(tableState == OutputTableState.NEW ? " (new table)" : " (existing table)").append('\n');
    text.append("Left: ").append(leftTable);
    if (fill.start() != null) {
      text.append(", partitions ").append(fill.start()).append("..").append(fill.end());
    }
    text.append('\n');
    if (fill.isEmpty()) {
      text.append("Nothing to fill: every left partition in range is already in the output.\n");
    } else {
      text.append("To fill: ").append(fill.missing().size()).append(" partition(s) in ").append(fill.steps().size())
          .append(" step(s)\n");
      for (int i = 0; i < fill.steps().size(); i++) {
        List<String> step = fill.steps().get(i);
        text.append("  step ").append(i + 1).append(": ").append(step.get(0)).append("..")
            .append(step.get(step.size() - 1)).append(" (").append(step.size()).append(" partition(s))\n");
      }
    }
    text.append("Parts:\n");
    parts.forEach(part -> text.append("  ").append(part).append('\n'));
    return text.toString();
  }
}
