package io.tidemark.engine;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import java.util.List;

/** What a backfill wrote. A run with nothing to do has no steps and wrote nothing. */
public record BackfillResult(String runId, TableName outputTable, List<StepResult> steps, long millis) {
  public BackfillResult {
    steps = List.copyOf(steps);
  }

  /** Rows added by fill steps. */
  public long rowsWritten() {
    return steps.stream().filter(step -> step.kind() == StepKind.FILL).mapToLong(StepResult::rowsWritten).sum();
  }

  /** Rows whose values recompute steps rewrote. */
  public long rowsRecomputed() {
    return steps.stream().filter(step -> step.kind() != StepKind.FILL).mapToLong(StepResult::rowsWritten).sum();
  }

  public int partitionsWritten() {
    return steps.stream().filter(step -> step.kind() == StepKind.FILL && step.status() == StepStatus.COMMITTED)
        .mapToInt(step -> step.partitions().size() - step.emptyPartitions().size()).sum();
  }

  /** Steps that another run, at the same time, committed first. */
  public long stepsDoneByAnotherRun() {
    return steps.stream().filter(step -> step.status() == StepStatus.DONE_BY_ANOTHER_RUN).count();
  }

  public List<Day> emptyPartitions() {
    return steps.stream().flatMap(step -> step.emptyPartitions().stream()).toList();
  }
}
