package io.tidemark.engine;

import static java.util.Objects.requireNonNull;

import io.tidemark.engine.compute.DerivedColumns;
import io.tidemark.engine.compute.JoinComputation;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * A GroupBy backfill's plan: what it does, the GroupBy bound to its sources (its keys per day as the left), the daily
 * table's columns and the snapshot it was planned against.
 *
 * @param schema the daily table's columns: the keys, each feature under the GroupBy's own names (or the derived
 *     columns), {@code ds}
 * @param derived the GroupBy's derivations, checked against its features; empty for none
 */
public record GroupByBackfillPlan(PlanSummary summary, Optional<Long> baseSnapshot, JoinComputation computation,
    StructType schema, Optional<DerivedColumns> derived) implements BackfillPlan {
  public GroupByBackfillPlan {
    requireNonNull(summary, "summary is null");
    requireNonNull(baseSnapshot, "baseSnapshot is null");
    requireNonNull(computation, "computation is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(derived, "derived is null");
  }
}
