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
