package io.tidemark.engine;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.engine.compute.JoinComputation;
import io.tidemark.engine.compute.StepInput;
import io.tidemark.engine.plan.DefinitionChanges;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A join backfill's plan: what it does (the {@link PlanSummary}), the join bound to its tables, what changed in the
 * definition since the table was written and what that asks, the table snapshot it was planned against, and what
 * planning already learned about the steps' left rows, so that running does not ask again.
 *
 * @param hash the semantic hash the table stores once the run is done
 * @param storedHash the hash the table stored when the plan was made, if any
 * @param recomputedColumns the value columns of added or changed parts, recomputed for rows already written
 * @param columnsEverWritten every column the table has had in any of its schemas when the plan was made (none for a
 *     new table): the columns a written row's provenance can name
 * @param archive the name the table is archived under before it is rebuilt
 * @param knownInputs the left rows' summaries planning computed, by the days they summarize
 * @param checks whether the row-id checks ran while planning or are left to the run
 */
public record JoinBackfillPlan(
    PlanSummary summary,
    Optional<Long> baseSnapshot,
    JoinComputation computation,
    SemanticHash hash,
    Optional<SemanticHash> storedHash,
    DefinitionChanges changes,
    Set<String> recomputedColumns,
    Set<String> columnsEverWritten,
    Optional<TableName> archive,
    Map<List<Day>, StepInput> knownInputs,
    DataCheckTiming checks) implements BackfillPlan {
  public JoinBackfillPlan {
    requireNonNull(summary, "summary is null");
    requireNonNull(baseSnapshot, "baseSnapshot is null");
    requireNonNull(computation, "computation is null");
    requireNonNull(hash, "hash is null");
    requireNonNull(storedHash, "storedHash is null");
    requireNonNull(changes, "changes is null");
    requireNonNull(archive, "archive is null");
    requireNonNull(checks, "checks is null");
    recomputedColumns = Set.copyOf(recomputedColumns);
    columnsEverWritten = Set.copyOf(columnsEverWritten);
    knownInputs = Map.copyOf(knownInputs);
  }
}
