package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.CatalogTags;
import io.tidemark.catalog.SnapshotHistory;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A table's rows as they were at a named point, and that point described for people. On Nessie a tag names the whole
 * catalog at a commit and is read through it; elsewhere (and for other points on Nessie) the point is a snapshot of
 * the table (see {@link AsOf}).
 *
 * @param described the point, e.g. {@code snapshot 123 (tag model-v1), committed 2026-11-21T13:27:17Z}
 */
public record AsOfRead(Dataset<Row> rows, String described) {
  public AsOfRead {
    requireNonNull(rows, "rows is null");
    requireNonNull(described, "described is null");
  }

  /** The rows of {@code table} at {@code when}, of day {@code ds} only when given. */
  public static AsOfRead at(AuditedTable table, String when, Optional<String> ds) {
    Optional<CatalogTags.Tag> nessieTag = nessieTag(table, when);
    Dataset<Row> rows;
    String described;
    if (nessieTag.isPresent()) {
      rows = readAtNessieTag(table, nessieTag.get());
      described = "Nessie tag " + nessieTag.get().name() + " (commit " + nessieTag.get().commit() + ")";
    } else {
      AsOf point = resolve(table, when);
      rows = AsOfReader.read(table, point);
      described = point.describe();
    }
    return new AsOfRead(ds.isPresent() ? AsOfReader.ofDay(rows, ds.get()) : rows, described);
  }

  private static Optional<CatalogTags.Tag> nessieTag(AuditedTable table, String when) {
    Optional<CatalogTags> catalogTags = table.catalog().config().openCatalogTags();
    if (catalogTags.isEmpty()) {
      return Optional.empty();
    }
    try (CatalogTags tags = catalogTags.get()) {
      return tags.find(when.strip());
    }
  }

  /** The snapshot {@code when} names; on Nessie, where only the current snapshot is served, a failure says so. */
  private static AsOf resolve(AuditedTable table, String when) {
    try {
      return AsOf.resolve(table, when);
    } catch (TidemarkException e) {
      if (table.catalog().config().snapshotHistory() == SnapshotHistory.ALL_SNAPSHOTS) {
        throw e;
      }
      throw new TidemarkException(e.code(), e.withoutCode() + ". On " + table.catalog().config().describe()
          + " each table shows "
          + "its current snapshot only, and '" + when.strip() + "' is not a Nessie tag: earlier states are read "
          + "through Nessie tags (tidemark audit tag)", e);
    }
  }

  /** The table as the tag has it: Nessie's REST catalog reads {@code <table>@<ref>} at that ref. */
  private static Dataset<Row> readAtNessieTag(AuditedTable table, CatalogTags.Tag tag) {
    String current = table.catalog().sqlName(table.name());
    String atTag = current.substring(0, current.length() - 1) + "@" + tag.name() + "`";
    return table.catalog().spark().table(atTag);
  }
}
