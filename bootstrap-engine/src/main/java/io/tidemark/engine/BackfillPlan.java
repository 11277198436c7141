package io.tidemark.engine;

import io.tidemark.api.naming.TableName;
import io.tidemark.engine.plan.FillRange;
import java.util.List;
import java.util.Optional;

/**
 * What a backfill will do, decided and checked before anything is written, as a value: everything
 * {@link Backfill#run} needs is in it, including the snapshot of the output table it was planned against, so that a
 * run keeps no state of its own and can tell when the table moved since. Printed by {@code plan} and
 * {@code --dry-run}.
 */
public sealed interface BackfillPlan permits JoinBackfillPlan, GroupByBackfillPlan, StagingQueryBackfillPlan {
  /** How the decision of a plan with nothing to fill starts (see {@link #nothingToFill}). */
  String NOTHING_TO_FILL = "nothing to fill: ";

  /** What the plan does, for people. */
  PlanSummary summary();

  /** The output table's snapshot when the plan was made; empty when the table did not exist or had none. */
  Optional<Long> baseSnapshot();

  default String kind() {
    return summary().kind();
  }

  default String definition() {
    return summary().definition();
  }

  default TableName outputTable() {
    return summary().outputTable();
  }

  default OutputTableState tableState() {
    return summary().tableState();
  }

  default FillRange fill() {
    return summary().fill();
  }

  default List<String> decisions() {
    return summary().decisions();
  }

  /**
   * Why the plan has no day to fill although its table lacks the days asked for (they lie outside the left query's
   * partition bounds), as its decision says; empty otherwise.
   */
  default Optional<String> nothingToFill() {
    return decisions().stream().filter(decision -> decision.startsWith(NOTHING_TO_FILL))
        .map(decision -> decision.substring(NOTHING_TO_FILL.length())).findFirst();
  }

  default boolean hasWork() {
    return summary().hasWork();
  }

  default List<PlannedStep> steps() {
    return summary().steps();
  }

  default String describe() {
    return summary().describe();
  }
}
