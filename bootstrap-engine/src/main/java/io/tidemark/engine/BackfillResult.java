package io.tidemark.engine;

import io.tidemark.api.naming.TableName;
import java.util.List;

/** What a backfill wrote. A run with nothing to do has no steps and wrote nothing. */
public record BackfillResult(String runId, TableName outputTable, List<StepResult> steps, long millis) {
  public BackfillResult {
    steps = List.copyOf(steps);
  }

  public long rowsWritten() {
    return steps.stream().mapToLong(StepResult::rowsWritten).sum();
  }

  public int partitionsWritten() {
    return steps.stream().mapToInt(step -> step.partitions().size() - step.emptyPartitions().size()).sum();
  }

  public List<String> emptyPartitions() {
    return steps.stream().flatMap(step -> step.emptyPartitions().stream()).toList();
  }
}
