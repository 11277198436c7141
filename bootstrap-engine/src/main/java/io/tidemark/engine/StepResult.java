package io.tidemark.engine;

import java.util.List;

/**
 * One committed step of a backfill.
 *
 * @param partitions the left partitions the step covered
 * @param rowsWritten rows added to the output
 * @param emptyPartitions left partitions whose rows the query filtered out entirely, so nothing was written for them
 * @param millis wall-clock time of the step
 */
public record StepResult(List<String> partitions, long rowsWritten, List<String> emptyPartitions, long millis) {
  public StepResult {
    partitions = List.copyOf(partitions);
    emptyPartitions = List.copyOf(emptyPartitions);
  }
}
