package io.tidemark.catalog;

import static io.tidemark.catalog.SparkSql.quote;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.SubPartition;
import io.tidemark.api.naming.TableName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Tidemark's catalog as seen from a Spark session: the Iceberg catalog instance Spark opened (reused, never opened
 * twice), and the questions Tidemark asks of its tables.
 */
public final class TidemarkCatalog {
  private final SparkSession spark;
  private final CatalogConfig config;

  public TidemarkCatalog(SparkSession spark, CatalogConfig config) {
    this.spark = requireNonNull(spark, "spark is null");
    this.config = requireNonNull(config, "config is null");
  }

  public SparkSession spark() {
    return spark;
  }

  public CatalogConfig config() {
    return config;
  }

  /** The table's name for Spark SQL, with the catalog and every part quoted: {@code `lake`.`data`.`purchases`}. */
  public String sqlName(TableName table) {
    StringBuilder name = new StringBuilder(quote(config.name()));
    for (String level : Namespace.of(table.namespace().split("\\.")).levels()) {
      name.append('.').append(quote(level));
    }
    return name.append('.').append(quote(table.name())).toString();
  }

  /**
   * The session's Hadoop configuration, with which files outside the catalog (imports, definitions) are read: it
   * reaches {@code s3://} locations with the catalog's own object storage settings (see {@link ObjectStoreFiles}),
   * including those a catalog server hands out, such as Nessie's S3 endpoint.
   */
  public Configuration hadoopConfiguration() {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, String> properties = new TreeMap<>();
    String prefix = "spark.sql.catalog." + config.name() + ".";
    for (scala.Tuple2<String, String> setting : spark.sparkContext().getConf().getAllWithPrefix(prefix)) {
      properties.put(setting._1(), setting._2());
    }
    if (icebergCatalog() instanceof RESTCatalog rest) {
      properties.putAll(rest.properties());
    }
    ObjectStoreFiles.configure(hadoop, properties);
    return hadoop;
  }

  /** The Iceberg catalog Spark opened for Tidemark's catalog name. */
  public Catalog icebergCatalog() {
    return ((SparkCatalog) spark.sessionState().catalogManager().catalog(config.name())).icebergCatalog();
  }

  public Optional<Table> loadTable(TableName table) {
    try {
      return Optional.of(icebergCatalog().loadTable(identifier(table)));
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
  }

  public boolean tableExists(TableName table) {
    return icebergCatalog().tableExists(identifier(table));
  }

  /** Renames {@code from} to {@code to}, which must not exist; the table keeps its data, history and properties. */
  public void renameTable(TableName from, TableName to) {
    icebergCatalog().renameTable(identifier(from), identifier(to));
  }

  /**
   * Drops {@code table} and deletes its files. Only for tables Tidemark rebuilds from others whenever it needs them
   * (daily partial aggregates), whose history no one reads; other tables are archived by renaming them.
   */
  public void dropRebuildableTable(TableName table) {
    icebergCatalog().dropTable(identifier(table), true);
  }

  public void createNamespaceIfMissing(String namespace) {
    if (icebergCatalog() instanceof SupportsNamespaces namespaces) {
      createIfMissing(namespaces, Namespace.of(namespace.split("\\.")));
    }
  }

  /**
   * Creates {@code levels} unless it exists. Another process may create it between the check and the creation; not
   * every catalog reports that as {@link AlreadyExistsException} (the JDBC catalog fails on its table's unique key), so
   * any failure is looked at again: if the namespace exists now, what was asked for holds.
   */
  static void createIfMissing(SupportsNamespaces namespaces, Namespace levels) {
    if (namespaces.namespaceExists(levels)) {
      return;
    }
    try {
      namespaces.createNamespace(levels);
    } catch (RuntimeException e) {
      if (!namespaces.namespaceExists(levels)) {
        throw e;
      }
    }
  }

  public boolean namespaceExists(String namespace) {
    return icebergCatalog() instanceof SupportsNamespaces namespaces
        && namespaces.namespaceExists(Namespace.of(namespace.split("\\.")));
  }

  /**
   * Drops {@code namespace} when it holds no table or view: undoes the namespace a failed first write created, so that
   * a refused import leaves the catalog as it was.
   */
  public void dropNamespaceIfEmpty(String namespace) {
    Namespace levels = Namespace.of(namespace.split("\\."));
    if (icebergCatalog() instanceof SupportsNamespaces namespaces && namespaces.namespaceExists(levels)
        && icebergCatalog().listTables(levels).isEmpty()
        && !(icebergCatalog() instanceof ViewCatalog views && !views.listViews(levels).isEmpty())) {
      namespaces.dropNamespace(levels);
    }
  }

  /**
   * The {@code ds} values that hold data in the table's current snapshot. Read from Iceberg's file metadata when the
   * table is partitioned by {@code ds} (no data is scanned); otherwise a distinct query over the column.
   */
  public SortedSet<String> partitions(TableName table) {
    Table iceberg = icebergCatalog().loadTable(identifier(table));
    SortedSet<String> days = new TreeSet<>();
    int position = identityPartitionPosition(iceberg);
    if (position >= 0) {
      try (CloseableIterable<FileScanTask> files = iceberg.newScan().planFiles()) {
        for (FileScanTask file : files) {
          Object day = file.file().partition().get(position, Object.class);
          if (day != null) {
            days.add(day.toString());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return days;
    }
    for (Row row : spark.sql("SELECT DISTINCT CAST(" + Names.PARTITION_COLUMN + " AS STRING) FROM " + sqlName(table)
        + " WHERE " + Names.PARTITION_COLUMN + " IS NOT NULL").collectAsList()) {
      days.add(row.getString(0));
    }
    return days;
  }

  /**
   * The {@code ds} values present in the table for a source whose name ends with {@code subPartition}: those with
   * rows whose sub-partition columns hold its values (each compared as text, as Chronon compares partition values).
   * Read from Iceberg's file metadata when every sub-partition column is an identity partition of the table beside
   * {@code ds}; otherwise a distinct query over those columns. With no sub-partition, {@link #partitions(TableName)}.
   *
   * @throws TidemarkException when the table lacks a sub-partition column (a definition's checks report it first,
   *     with the definition's file and field)
   */
  public SortedSet<String> partitions(TableName table, SubPartition subPartition) {
    if (subPartition.isEmpty()) {
      return partitions(table);
    }
    Table iceberg = icebergCatalog().loadTable(identifier(table));
    for (String column : subPartition.values().keySet()) {
      if (iceberg.schema().findField(column) == null) {
        throw new TidemarkException(ErrorCode.MISSING_COLUMN, "Table " + table + " has no column " + column
            + ", which the sub-partition " + subPartition + " names. Fix: name a column of " + table + " after the "
            + "table's name, or remove the sub-partition");
      }
    }
    int day = identityPartitionPosition(iceberg);
    Map<String, Integer> positions = new TreeMap<>();
    for (String column : subPartition.values().keySet()) {
      positions.put(column, day < 0 ? -1 : identityPosition(iceberg, column));
    }
    SortedSet<String> days = new TreeSet<>();
    if (!positions.containsValue(-1)) {
      try (CloseableIterable<FileScanTask> files = iceberg.newScan().planFiles()) {
        for (FileScanTask file : files) {
          StructLike partition = file.file().partition();
          Object value = partition.get(day, Object.class);
          boolean matches = positions.entrySet().stream().allMatch(position -> subPartition.values()
              .get(position.getKey()).equals(String.valueOf(partition.get(position.getValue(), Object.class))));
          if (value != null && matches) {
            days.add(value.toString());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return days;
    }
    Dataset<Row> rows = spark.table(sqlName(table)).filter(col(Names.PARTITION_COLUMN).isNotNull());
    for (Map.Entry<String, String> value : subPartition.values().entrySet()) {
      rows = rows.filter(col(quote(value.getKey())).cast(DataTypes.StringType).equalTo(lit(value.getValue())));
    }
    for (Row row : rows.select(col(Names.PARTITION_COLUMN).cast(DataTypes.StringType)).distinct().collectAsList()) {
      days.add(row.getString(0));
    }
    return days;
  }

  /**
   * How many rows the data files of days {@code [from, to]} hold (either bound may be null), from Iceberg's metadata
   * alone: an estimate for sizing work, since deletes and filters are not counted.
   */
  public long estimatedRows(TableName table, String from, String to) {
    Table iceberg = icebergCatalog().loadTable(identifier(table));
    TableScan scan = iceberg.newScan();
    if (identityPartitionPosition(iceberg) >= 0) {
      if (from != null) {
        scan = scan.filter(Expressions.greaterThanOrEqual(Names.PARTITION_COLUMN, from));
      }
      if (to != null) {
        scan = scan.filter(Expressions.lessThanOrEqual(Names.PARTITION_COLUMN, to));
      }
    }
    long rows = 0;
    try (CloseableIterable<FileScanTask> files = scan.planFiles()) {
      for (FileScanTask file : files) {
        rows += file.file().recordCount();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /**
   * About how many rows the table holds in the partitions {@code wanted} names, from file metadata: each is the values,
   * as text, of the identity partition columns {@code columns}, in order. When those columns are not all identity
   * partitions of the table, every row counts: an estimate may be too high, never too low.
   */
  public long estimatedRows(TableName table, List<String> columns, Set<List<String>> wanted) {
    if (wanted.isEmpty()) {
      return 0;
    }
    Table iceberg = icebergCatalog().loadTable(identifier(table));
    int[] positions = new int[columns.size()];
    boolean identities = true;
    for (int i = 0; i < positions.length; i++) {
      positions[i] = identityPosition(iceberg, columns.get(i));
      identities &= positions[i] >= 0;
    }
    TableScan scan = iceberg.newScan();
    int day = columns.indexOf(Names.PARTITION_COLUMN);
    if (identities && day >= 0) {
      scan = scan.filter(Expressions.in(Names.PARTITION_COLUMN, wanted.stream().map(values -> values.get(day))
          .distinct().toArray()));
    }
    long rows = 0;
    try (CloseableIterable<FileScanTask> files = scan.planFiles()) {
      for (FileScanTask file : files) {
        if (!identities || wanted.contains(partitionValues(file, positions))) {
          rows += file.file().recordCount();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The values, as text, of a file's partition at {@code positions}. */
  private static List<String> partitionValues(FileScanTask file, int[] positions) {
    List<String> values = new ArrayList<>(positions.length);
    for (int position : positions) {
      values.add(String.valueOf(file.file().partition().get(position, Object.class)));
    }
    return values;
  }

  /**
   * Per day, the row count, the smallest and largest value of a long column and its count of nulls, read from
   * Iceberg's file metadata (no data is scanned). Empty when the metadata cannot answer exactly: the table is not
   * partitioned by ds, has delete files for those days, or a file lacks the column's bounds or null count.
   *
   * @param column a long or int column, or null for row counts only
   */
  public Optional<Map<String, DayStatistics>> dayStatistics(TableName table, String column, Collection<String> days) {
    Table iceberg = icebergCatalog().loadTable(identifier(table));
    int position = identityPartitionPosition(iceberg);
    Types.NestedField field = column == null ? null : iceberg.schema().findField(column);
    if (position < 0 || (column != null && (field == null || !field.type().isPrimitiveType()
        || !(field.type().typeId() == Type.TypeID.LONG || field.type().typeId() == Type.TypeID.INTEGER)))) {
      return Optional.empty();
    }
    Map<String, DayStatistics> statistics = new TreeMap<>();
    // Scans leave column bounds out of the files they plan unless asked for them.
    TableScan scan = iceberg.newScan().filter(Expressions.in(Names.PARTITION_COLUMN, days.toArray()));
    if (column != null) {
      scan = scan.includeColumnStats(List.of(column));
    }
    try (CloseableIterable<FileScanTask> files = scan.planFiles()) {
      for (FileScanTask task : files) {
        if (!task.deletes().isEmpty()) {
          return Optional.empty();
        }
        DataFile file = task.file();
        Long min = null;
        Long max = null;
        long nulls = 0;
        if (field != null) {
          Long nullCount = file.nullValueCounts() == null ? null : file.nullValueCounts().get(field.fieldId());
          if (nullCount == null) {
            return Optional.empty();
          }
          nulls = nullCount;
          ByteBuffer lower = file.lowerBounds() == null ? null : file.lowerBounds().get(field.fieldId());
          ByteBuffer upper = file.upperBounds() == null ? null : file.upperBounds().get(field.fieldId());
          if (nulls < file.recordCount() && (lower == null || upper == null)) {
            return Optional.empty();
          }
          if (lower != null && upper != null) {
            min = ((Number) Conversions.fromByteBuffer(field.type(), lower)).longValue();
            max = ((Number) Conversions.fromByteBuffer(field.type(), upper)).longValue();
          }
        }
        String day = String.valueOf(file.partition().get(position, Object.class));
        DayStatistics fileStatistics = new DayStatistics(file.recordCount(), min, max, nulls);
        statistics.merge(day, fileStatistics, DayStatistics::plus);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(statistics);
  }

  /** The position of the identity partition on ds in the table's partition spec, or -1. */
  static int identityPartitionPosition(Table table) {
    return identityPosition(table, Names.PARTITION_COLUMN);
  }

  /**
   * The position of the identity partition on {@code column} in the table's partition spec, or -1 (also when the
   * table has had other specs, whose files may be partitioned otherwise).
   */
  private static int identityPosition(Table table, String column) {
    if (table.specs().size() != 1) {
      return -1;
    }
    for (int i = 0; i < table.spec().fields().size(); i++) {
      PartitionField field = table.spec().fields().get(i);
      if (field.transform().isIdentity() && table.schema().findColumnName(field.sourceId()).equals(column)) {
        return i;
      }
    }
    return -1;
  }

  static TableIdentifier identifier(TableName table) {
    return TableIdentifier.of(Namespace.of(table.namespace().split("\\.")), table.name());
  }
}
