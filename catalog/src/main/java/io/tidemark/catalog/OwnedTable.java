package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;

/**
 * A table Tidemark owns, as read from the catalog: what its properties mean (what it holds, the definition that writes
 * it, the days filled without rows) and how it is changed, one {@link TableChange} per commit. Every job that writes
 * such a table goes through here, so that the rules of Tidemark's tables are written once.
 */
public final class OwnedTable {
  private final TidemarkCatalog catalog;
  private final TableName name;
  private final Table table;

  private OwnedTable(TidemarkCatalog catalog, TableName name, Table table) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.name = requireNonNull(name, "name is null");
    this.table = requireNonNull(table, "table is null");
  }

  /** The table as it is now, if it exists. */
  public static Optional<OwnedTable> load(TidemarkCatalog catalog, TableName name) {
    return catalog.loadTable(name).map(table -> new OwnedTable(catalog, name, table));
  }

  /**
   * A change that creates the table with {@code schema}, partitioned by {@code spec}, with {@code properties} (the
   * catalog's default format version unless they name one) and whatever the change adds. Nothing exists until it
   * commits; if another writer creates the table first, the commit fails with a {@link ConcurrentCommitException}.
   */
  public static TableChange create(TidemarkCatalog catalog, TableName name, Schema schema, PartitionSpec spec,
      Map<String, String> properties, CommitInfo info) {
    catalog.createNamespaceIfMissing(name.namespace());
    Map<String, String> withFormat = new LinkedHashMap<>();
    withFormat.put(TableFormat.PROPERTY, TableFormat.DEFAULT.propertyValue());
    withFormat.putAll(properties);
    Transaction transaction = catalog.icebergCatalog().buildTable(TidemarkCatalog.identifier(name), schema)
        .withPartitionSpec(spec)
        .withProperties(withFormat)
        .createTransaction();
    return new TableChange(name, transaction, Optional.empty(), info, Optional.empty());
  }

  public TableName name() {
    return name;
  }

  /** The Iceberg table, for reads. */
  public Table iceberg() {
    return table;
  }

  /** The current snapshot's id; empty while the table has no snapshot. */
  public Optional<Long> snapshotId() {
    return Optional.ofNullable(table.currentSnapshot()).map(Snapshot::snapshotId);
  }

  /** The definition that writes the table, from {@link TableProperties#DEFINITION}. */
  public Optional<String> definition() {
    return Optional.ofNullable(table.properties().get(TableProperties.DEFINITION));
  }

  /** What the table holds, from {@link TableProperties#TABLE_TYPE}. */
  public Optional<TableType> type() {
    return Optional.ofNullable(table.properties().get(TableProperties.TABLE_TYPE))
        .flatMap(TableType::fromPropertyValue);
  }

  /** A table property, if set. */
  public Optional<String> property(String name) {
    return Optional.ofNullable(table.properties().get(name));
  }

  /** The days with rows in the current snapshot, from file metadata; Tidemark writes only days to its tables. */
  public SortedSet<Day> days() {
    return Day.parseAll(catalog.partitions(name));
  }

  /** The days filled without rows (their input had none), recorded so that later runs skip them. */
  public SortedSet<Day> emptyDays() {
    return emptyDays(table);
  }

  /** The days filled: those with rows and those recorded as without. */
  public SortedSet<Day> filledDays() {
    SortedSet<Day> filled = days();
    filled.addAll(emptyDays());
    return filled;
  }

  /** A change to the table as it is now: one commit, based on the current snapshot. */
  public TableChange change(CommitInfo info) {
    return new TableChange(name, table.newTransaction(), snapshotId(), info, Optional.empty());
  }

  /**
   * A change that adds the rows of {@code days}, which the table does not have: its commit fails with a
   * {@link ConcurrentCommitException} if another writer added rows to any of them meanwhile.
   */
  public TableChange fill(CommitInfo info, Collection<Day> days) {
    return new TableChange(name, table.newTransaction(), snapshotId(), info, Optional.of(List.copyOf(days)));
  }

  static SortedSet<Day> emptyDays(Table table) {
    String recorded = table.properties().get(TableProperties.EMPTY_PARTITIONS);
    return recorded == null || recorded.isEmpty() ? new TreeSet<>() : Day.parseAll(List.of(recorded.split(",")));
  }
}
