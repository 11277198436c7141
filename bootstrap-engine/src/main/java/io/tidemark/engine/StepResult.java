package io.tidemark.engine;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;
import io.tidemark.catalog.CoverageLedger;
import java.util.List;
import java.util.Optional;

/**
 * One step of a backfill, ended.
 *
 * @param kind what the step did
 * @param status whether this run committed it, or found it done by another run
 * @param partitions the left partitions the step covered
 * @param rowsWritten rows added to the output (by a fill) or rewritten (by a recompute)
 * @param emptyPartitions left partitions whose rows the query filtered out entirely, so nothing was written for them
 * @param coverage where a join step's values came from; empty for other backfills and steps without rows
 * @param millis wall-clock time of the step
 */
public record StepResult(StepKind kind, StepStatus status, List<Day> partitions, long rowsWritten,
    List<Day> emptyPartitions, Optional<CoverageLedger> coverage, long millis) {
  public StepResult {
    requireNonNull(kind, "kind is null");
    requireNonNull(status, "status is null");
    partitions = List.copyOf(partitions);
    emptyPartitions = List.copyOf(emptyPartitions);
  }
}
