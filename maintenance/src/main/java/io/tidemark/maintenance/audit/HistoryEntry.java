package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One commit in a table's history, with what Tidemark recorded about it in the snapshot summary.
 *
 * @param snapshotId the snapshot the commit made
 * @param committedAt when, in UTC
 * @param operation Iceberg's name for the change: append, overwrite, delete or replace
 * @param runId the Tidemark run that made the commit, when one did
 * @param action what that run did (backfill, import, ...)
 * @param dsRange the days the run wrote, {@code 2023-11-01..2023-11-30}
 * @param definitionHash the semantic hash of the definition the run wrote with
 * @param addedRecords rows the commit added (rows of rewritten files included)
 * @param deletedRecords rows the commit removed (rows of rewritten files included)
 * @param coverage where the commit's values came from, one line per join part
 * @param tags the tags that name this snapshot, sorted
 */
public record HistoryEntry(
    long snapshotId,
    Instant committedAt,
    String operation,
    Optional<String> runId,
    Optional<String> action,
    Optional<String> dsRange,
    Optional<String> definitionHash,
    long addedRecords,
    long deletedRecords,
    Optional<String> coverage,
    List<String> tags) {
  public HistoryEntry {
    requireNonNull(committedAt, "committedAt is null");
    requireNonNull(operation, "operation is null");
    requireNonNull(runId, "runId is null");
    requireNonNull(action, "action is null");
    requireNonNull(dsRange, "dsRange is null");
    requireNonNull(definitionHash, "definitionHash is null");
    requireNonNull(coverage, "coverage is null");
    tags = List.copyOf(tags);
  }
}
