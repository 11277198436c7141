package io.tidemark.maintenance.audit;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * A name for one snapshot of a table, such as the training set a model was trained on. Tags are never moved: what a
 * name meant once it keeps meaning. A tag with a retention is dropped (and its snapshot may then expire) once it is
 * older than that; without one it stays until removed.
 *
 * @param snapshotId the snapshot the tag names
 * @param committedAt when that snapshot was committed
 * @param retention how long the tag is kept, if not forever
 */
public record SnapshotTag(String name, long snapshotId, Instant committedAt, Optional<Duration> retention) {
  public SnapshotTag {
    requireNonNull(name, "name is null");
    requireNonNull(committedAt, "committedAt is null");
    requireNonNull(retention, "retention is null");
  }

  /** Tags the table's current snapshot; the name must be new to the table. */
  public static SnapshotTag createOnCurrent(AuditedTable audited, String name, Optional<Duration> retention) {
    requireNonNull(name, "name is null");
    requireNonNull(retention, "retention is null");
    retention.ifPresent(age -> checkArgument(!age.isNegative() && !age.isZero(),
        "Cannot tag %s: retention %s is not positive", audited.name(), age));
    if (name.isBlank() || !name.equals(name.strip())) {
      throw invalidTag("Cannot tag " + audited.name() + " as '" + name
          + "': a tag name cannot be blank, nor start or end "
          + "with blanks (--as-of reads text without them). Fix: pick a name such as model-v3");
    }
    if (AsOf.readsAsSnapshotIdOrTime(name)) {
      throw invalidTag("Cannot tag " + audited.name() + " as " + name + ": --as-of could read a name like this as a "
          + "snapshot id or a time instead of the tag. Fix: pick a name that starts with a letter, such as model-"
          + name);
    }
    Table table = audited.table();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      throw new TidemarkException(ErrorCode.NO_SUCH_SNAPSHOT, "Cannot tag " + audited.name()
          + ": the table has no snapshot yet. Fix: run tidemark backfill "
          + "first");
    }
    SnapshotRef existing = table.refs().get(name);
    if (existing != null) {
      throw invalidTag("Cannot tag " + audited.name() + " as " + name + ": the " + (existing.isTag() ? "tag" : "branch")
          + " " + name + " already exists, on snapshot " + existing.snapshotId() + ". Fix: pick another name; tags "
          + "are never moved, so " + name + " keeps naming what it names");
    }
    ManageSnapshots update = table.manageSnapshots().createTag(name, current.snapshotId());
    retention.ifPresent(age -> update.setMaxRefAgeMs(name, age.toMillis()));
    update.commit();
    return new SnapshotTag(name, current.snapshotId(), Instant.ofEpochMilli(current.timestampMillis()), retention);
  }

  private static TidemarkException invalidTag(String message) {
    return new TidemarkException(ErrorCode.INVALID_TAG, message);
  }
}
