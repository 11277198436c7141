package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.CatalogTags;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * Names for what a table held, such as the training set a model was trained on, and their removal. On Nessie a tag is
 * a Nessie tag and names every table and view of the catalog at its current commit; elsewhere it is an Iceberg tag of
 * the one table (see {@link SnapshotTag}).
 */
public final class AuditTags {
  /** What a tag names. */
  public enum Scope {
    /** One snapshot of the audited table (an Iceberg reference). */
    TABLE,
    /** A commit of the whole Nessie catalog. */
    CATALOG
  }

  /**
   * A tag as created or removed.
   *
   * @param target the snapshot id ({@link Scope#TABLE}) or Nessie commit hash ({@link Scope#CATALOG}) it names
   * @param committedAt when that snapshot was committed; empty for a Nessie commit
   * @param retention how long an Iceberg tag is kept, if not until removed
   * @param where the catalog's ref for a Nessie tag, else the table
   */
  public record Named(String name, Scope scope, String target, Optional<Instant> committedAt,
      Optional<Duration> retention, String where) {
    public Named {
      requireNonNull(name, "name is null");
      requireNonNull(scope, "scope is null");
      requireNonNull(target, "target is null");
      requireNonNull(committedAt, "committedAt is null");
      requireNonNull(retention, "retention is null");
      requireNonNull(where, "where is null");
    }
  }

  private AuditTags() {}

  /** Tags what the table holds now as {@code name}, which must be new; a retention applies to Iceberg tags only. */
  public static Named tag(AuditedTable table, String name, Optional<Duration> retention) {
    Optional<CatalogTags> catalogTags = table.catalog().config().openCatalogTags();
    if (catalogTags.isPresent()) {
      try (CatalogTags tags = catalogTags.get()) {
        if (retention.isPresent()) {
          throw new TidemarkException(ErrorCode.INVALID_OPTION, "--retain-days does not apply to "
              + tags.describe() + ": a Nessie tag stays until it is removed. Fix: leave out --retain-days, and "
              + "remove the tag with tidemark audit untag when it is no longer needed");
        }
        CatalogTags.Tag tag = tags.createOnCurrent(name);
        return new Named(tag.name(), Scope.CATALOG, tag.commit(), Optional.empty(), Optional.empty(), tags.ref());
      }
    }
    SnapshotTag tag = SnapshotTag.createOnCurrent(table, name, retention);
    return new Named(tag.name(), Scope.TABLE, Long.toString(tag.snapshotId()), Optional.of(tag.committedAt()),
        tag.retention(), table.name().toString());
  }

  /**
   * Removes the tag {@code name}. The snapshots it held stay until snapshot expiry (tidemark maintain) finds nothing
   * else holds them. A branch is never removed, and an unknown name is an error that lists the tags there are.
   */
  public static Named untag(AuditedTable table, String name) {
    String given = requireNonNull(name, "name is null").strip();
    Optional<CatalogTags> catalogTags = table.catalog().config().openCatalogTags();
    if (catalogTags.isPresent()) {
      try (CatalogTags tags = catalogTags.get()) {
        CatalogTags.Tag removed = tags.delete(given).orElseThrow(() -> new TidemarkException(
            ErrorCode.NO_SUCH_TAG, "Cannot remove the tag " + given + ": " + tags.describe() + " has no tag "
            + "of that name. Fix: give the name of a tag made with tidemark audit tag"));
        return new Named(removed.name(), Scope.CATALOG, removed.commit(), Optional.empty(), Optional.empty(),
            tags.ref());
      }
    }
    Table iceberg = table.table();
    SnapshotRef ref = iceberg.refs().get(given);
    if (ref == null || ref.isBranch()) {
      throw new TidemarkException(ErrorCode.NO_SUCH_TAG, "Cannot remove the tag " + given + " of "
          + table.name() + ": " + (ref == null ? "the table has no tag of that name" : given + " is a branch, and "
          + "branches are not removed here") + ". Fix: give one of the table's tags ("
          + tagNames(iceberg) + ")");
    }
    iceberg.manageSnapshots().removeTag(given).commit();
    Instant committedAt = Instant.ofEpochMilli(iceberg.snapshot(ref.snapshotId()).timestampMillis());
    return new Named(given, Scope.TABLE, Long.toString(ref.snapshotId()), Optional.of(committedAt),
        Optional.ofNullable(ref.maxRefAgeMs()).map(Duration::ofMillis), table.name().toString());
  }

  private static String tagNames(Table table) {
    String names = String.join(", ", table.refs().entrySet().stream()
        .filter(entry -> entry.getValue().isTag()).map(Map.Entry::getKey).sorted().toList());
    return names.isEmpty() ? "it has none" : names;
  }
}
