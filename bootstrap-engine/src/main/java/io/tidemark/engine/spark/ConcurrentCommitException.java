package io.tidemark.engine.spark;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableName;
import java.util.List;

/**
 * A step's commit failed while another run committed to the same table: Iceberg refused to commit on top of a snapshot
 * it had not read (a conflicting MERGE), or the table was created by the other run first. Nothing of the step was
 * committed; the other run's commit stands.
 */
public final class ConcurrentCommitException extends TidemarkException {
  private final TableName table;
  private final List<String> days;

  ConcurrentCommitException(TableName table, List<String> days, Throwable cause) {
    super(ErrorCategory.CONFLICT, "Cannot commit " + days.get(0) + ".." + days.get(days.size() - 1) + " to " + table
        + ": another run committed to the table at the same time (" + cause.getClass().getSimpleName() + ": "
        + cause.getMessage() + "). Fix: run the backfill again; it fills what is still missing", cause);
    this.table = table;
    this.days = List.copyOf(days);
  }

  public TableName table() {
    return table;
  }

  public List<String> days() {
    return days;
  }
}
