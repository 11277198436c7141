package io.tidemark.engine;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.engine.plan.FillRange;
import java.util.List;

/**
 * What a backfill will do, decided before anything is written: which table, which partitions in which steps, and what
 * is computed. Printed by {@code --dry-run}; {@link Backfill#run} executes it.
 *
 * @param kind what is backfilled: {@code Join}, {@code GroupBy} or {@code StagingQuery}
 * @param definition the definition's name
 * @param source what the days to fill come from, for people
 * @param details one line per part or input, for people
 */
public record BackfillPlan(
    String kind,
    String definition,
    TableName outputTable,
    OutputTableState tableState,
    String source,
    FillRange fill,
    List<String> details) {

  public BackfillPlan {
    requireNonNull(kind, "kind is null");
    requireNonNull(definition, "definition is null");
    requireNonNull(outputTable, "outputTable is null");
    requireNonNull(tableState, "tableState is null");
    requireNonNull(source, "source is null");
    requireNonNull(fill, "fill is null");
    details = List.copyOf(details);
  }

  public boolean hasWork() {
    return !fill.isEmpty();
  }

  /** A few lines for people: the table, the days and steps, the parts. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append(kind).append(' ').append(definition).append(" -> ").append(outputTable)
        .append(tableState == OutputTableState.NEW ? " (new table)" : " (existing table)").append('\n');
    text.append("Days from: ").append(source);
    if (fill.start() != null) {
      text.append(", ").append(fill.start()).append("..").append(fill.end());
    }
    text.append('\n');
    if (fill.isEmpty()) {
      text.append("Nothing to fill: every day in range is already in the output.\n");
    } else {
      text.append("To fill: ").append(fill.missing().size()).append(" partition(s) in ").append(fill.steps().size())
          .append(" step(s)\n");
      for (int i = 0; i < fill.steps().size(); i++) {
        List<String> step = fill.steps().get(i);
        text.append("  step ").append(i + 1).append(": ").append(step.get(0)).append("..")
            .append(step.get(step.size() - 1)).append(" (").append(step.size()).append(" partition(s))\n");
      }
    }
    details.forEach(detail -> text.append("  ").append(detail).append('\n'));
    return text.toString();
  }
}
