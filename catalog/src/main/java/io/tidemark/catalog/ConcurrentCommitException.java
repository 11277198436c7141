package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableName;

/**
 * A commit failed because another writer committed to the same table first in a way that conflicts with it: it
 * created the table, or wrote to the same partitions, since the commit's base. Nothing of the failed commit is
 * visible; the other writer's commit stands. The caller may check what the other writer did and try again.
 */
public final class ConcurrentCommitException extends TidemarkException {
  private final TableName table;
  private final CommitInfo info;

  public ConcurrentCommitException(TableName table, CommitInfo info, Throwable cause) {
    super(ErrorCode.CONCURRENT_COMMIT, "Cannot commit " + info.days().map(days -> days.span() + " ").orElse("") + "to " + table
        + ": another run committed to the table at the same time (" + cause.getClass().getSimpleName() + ": "
        + cause.getMessage() + "). Fix: run the command again; it does what is still missing", cause);
    this.table = requireNonNull(table, "table is null");
    this.info = info;
  }

  public TableName table() {
    return table;
  }

  /** The commit that failed. */
  public CommitInfo info() {
    return info;
  }
}
