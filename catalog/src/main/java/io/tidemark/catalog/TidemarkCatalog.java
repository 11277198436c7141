package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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

  public void createNamespaceIfMissing(String namespace) {
    Catalog catalog = icebergCatalog();
    Namespace levels = Namespace.of(namespace.split("\\."));
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(levels)) {
      namespaces.createNamespace(levels);
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

  /** The position of the identity partition on ds in the table's partition spec, or -1. */
  private static int identityPartitionPosition(Table table) {
    if (table.specs().size() != 1) {
      return -1;
    }
    for (int i = 0; i < table.spec().fields().size(); i++) {
      PartitionField field = table.spec().fields().get(i);
      if (field.transform().isIdentity()
          && table.schema().findColumnName(field.sourceId()).equals(Names.PARTITION_COLUMN)) {
        return i;
      }
    }
    return -1;
  }

  private static TableIdentifier identifier(TableName table) {
    return TableIdentifier.of(Namespace.of(table.namespace().split("\\.")), table.name());
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
