package io.tidemark.engine;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.engine.plan.FillRange;
import java.util.ArrayList;
import java.util.List;

/**
 * What a backfill will do, for people and schedulers: which table, which partitions in which steps, what is computed,
 * and what was decided about the table. Every {@link BackfillPlan} has one; {@code plan} and {@code --dry-run} print
 * it.
 *
 * @param kind what is backfilled: {@code Join}, {@code GroupBy} or {@code StagingQuery}
 * @param definition the definition's name
 * @param source what the days to fill come from, for people
 * @param details one line per part or input, for people
 * @param decisions what the backfill decided about the table before filling, one line each, for people
 * @param evolution the steps that recompute rows already written (what changed, or the days asked to be
 *     recomputed), run before the fill
 */
public record PlanSummary(
    String kind,
    String definition,
    TableName outputTable,
    OutputTableState tableState,
    String source,
    FillRange fill,
    List<String> details,
    List<String> decisions,
    List<PlannedStep> evolution) {

  public PlanSummary {
    requireNonNull(kind, "kind is null");
    requireNonNull(definition, "definition is null");
    requireNonNull(outputTable, "outputTable is null");
    requireNonNull(tableState, "tableState is null");
    requireNonNull(source, "source is null");
    requireNonNull(fill, "fill is null");
    details = List.copyOf(details);
    decisions = List.copyOf(decisions);
    evolution = List.copyOf(evolution);
  }

  /** A plan that only fills days: the table is new, or exists as the definition wants it. */
  public PlanSummary(String kind, String definition, TableName outputTable, OutputTableState tableState,
      String source, FillRange fill, List<String> details) {
    this(kind, definition, outputTable, tableState, source, fill, details, List.of(), List.of());
  }

  public boolean hasWork() {
    // An evolving table has work even without steps: removed parts leave its schema.
    return !fill.isEmpty() || !evolution.isEmpty() || tableState == OutputTableState.EVOLVED
        || tableState == OutputTableState.REBUILT;
  }

  /** Every step in order: the evolution's, then the fill's. */
  public List<PlannedStep> steps() {
    List<PlannedStep> steps = new ArrayList<>(evolution);
    fill.steps().forEach(days -> steps.add(new PlannedStep(StepKind.FILL, days)));
    return steps;
  }

  /** A few lines for people: the table, the days and steps, the parts. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append(kind).append(' ').append(definition).append(" -> ").append(outputTable).append(switch (tableState) {
      case NEW -> " (new table)";
      case EXISTING -> " (existing table)";
      case EVOLVED -> " (existing table, evolving)";
      case REBUILT -> " (archived and rebuilt)";
    }).append('\n');
    decisions.forEach(decision -> text.append("Decision: ").append(decision).append('\n'));
    for (int i = 0; i < evolution.size(); i++) {
      PlannedStep step = evolution.get(i);
      text.append("  step ").append(i + 1).append(": ").append(step.kind().description()).append(' ')
          .append(step.range()).append(" (").append(step.days().size()).append(" partition(s))\n");
    }
    text.append("Days from: ").append(source);
    // A start asked for over an input without days has no end: it reads null.
    fill.start().ifPresent(start -> text.append(", ").append(start).append("..").append(fill.end().orElse(null)));
    text.append('\n');
    if (fill.isEmpty()) {
      text.append("Nothing to fill: every day in range is already in the output.\n");
    } else {
      text.append(tableState == OutputTableState.REBUILT ? "To fill anew: " : "To fill: ")
          .append(fill.missing().size()).append(" partition(s) in ").append(fill.steps().size()).append(" step(s)\n");
      for (int i = 0; i < fill.steps().size(); i++) {
        List<Day> step = fill.steps().get(i);
        text.append("  step ").append(evolution.size() + i + 1).append(": ").append(step.get(0)).append("..")
            .append(step.get(step.size() - 1)).append(" (").append(step.size()).append(" partition(s))\n");
      }
    }
    details.forEach(detail -> text.append("  ").append(detail).append('\n'));
    return text.toString();
  }
}
