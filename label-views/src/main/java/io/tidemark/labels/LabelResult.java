package io.tidemark.labels;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import java.util.List;

/**
 * What a label run did.
 *
 * @param runId names the run in the snapshot summaries of its commits
 * @param versionsWritten the {@code label_ds} of each version committed, in order
 * @param rowsWritten the label rows committed, over every version
 */
public record LabelResult(String runId, TableName labelTable, List<Day> versionsWritten, long rowsWritten,
    long millis, TableName labeledView, TableName labeledLatestView) {
  public LabelResult {
    requireNonNull(runId, "runId is null");
    requireNonNull(labelTable, "labelTable is null");
    versionsWritten = List.copyOf(versionsWritten);
    requireNonNull(labeledView, "labeledView is null");
    requireNonNull(labeledLatestView, "labeledLatestView is null");
  }
}
