package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;

/**
 * Finds the archives of a table: the tables beside it named {@code <table>_archived_<yyyyMMddHHmmss>} whose
 * {@link TableProperties#ARCHIVED_FROM} names it. A table that only looks like an archive is not one.
 */
public final class TableArchives {
  private static final Pattern ARCHIVE_TIME_TEXT = Pattern.compile("[0-9]{14}");

  private TableArchives() {}

  /** The archives of {@code table}, oldest first; the table itself need not exist any more. */
  public static List<ArchivedTable> list(TidemarkCatalog catalog, TableName table) {
    requireNonNull(table, "table is null");
    String prefix = table.name() + Names.ARCHIVE_INFIX;
    List<ArchivedTable> archives = new ArrayList<>();
    for (TableIdentifier candidate : tablesIn(catalog, table.namespace())) {
      String name = candidate.name();
      Optional<Instant> nameTime = name.startsWith(prefix) ? timeInName(name.substring(prefix.length()))
          : Optional.empty();
      if (nameTime.isEmpty()) {
        continue;
      }
      TableName archive = new TableName(table.namespace(), name);
      Optional<Table> loaded = catalog.loadTable(archive);
      if (loaded.isEmpty() || !table.toString().equals(loaded.get().properties().get(TableProperties.ARCHIVED_FROM))) {
        continue;
      }
      Map<String, String> properties = loaded.get().properties();
      archives.add(new ArchivedTable(archive, archivedAt(properties).orElse(nameTime.get()),
          Optional.ofNullable(properties.get(TableProperties.ARCHIVE_REASON)), rows(loaded.get())));
    }
    archives.sort(Comparator.comparing(ArchivedTable::archivedAt).thenComparing(archive -> archive.archive().name()));
    return archives;
  }

  private static List<TableIdentifier> tablesIn(TidemarkCatalog catalog, String namespace) {
    try {
      return catalog.icebergCatalog().listTables(Namespace.of(namespace.split("\\.")));
    } catch (NoSuchNamespaceException e) {
      return List.of();
    }
  }

  private static Optional<Instant> timeInName(String text) {
    if (!ARCHIVE_TIME_TEXT.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(Names.ARCHIVE_TIME.parse(text)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The recorded time, unless it is missing or unreadable; then the time in the archive's name stands. */
  private static Optional<Instant> archivedAt(Map<String, String> properties) {
    String recorded = properties.get(TableProperties.ARCHIVED_AT);
    if (recorded == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(recorded));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static long rows(Table table) {
    Snapshot current = table.currentSnapshot();
    return current == null
        ? 0
        : Long.parseLong(current.summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
  }
}
