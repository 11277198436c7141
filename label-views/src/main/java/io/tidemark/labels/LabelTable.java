package io.tidemark.labels;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A join's label table: the row key, the label columns of every version, {@code label_ds} and {@code ds}, partitioned
 * by {@code label_ds} then {@code ds}. Each label version is replaced whole, in one commit.
 */
final class LabelTable {
  private static final String SNAPSHOT_PROPERTY = "snapshot-property.";

  private LabelTable() {}

  /** Creates the table, empty, with {@code schema}'s columns. */
  static Table create(TidemarkCatalog catalog, TableName name, StructType schema, Map<String, String> properties) {
    catalog.createNamespaceIfMissing(name.namespace());
    Schema iceberg = SparkSchemaUtil.convert(schema);
    PartitionSpec spec = PartitionSpec.builderFor(iceberg)
        .identity(Names.LABEL_DS_COLUMN)
        .identity(Names.PARTITION_COLUMN)
        .build();
    return catalog.icebergCatalog().createTable(identifier(name), iceberg, spec, properties);
  }

  /** Adds {@code columns} to the table, among the label columns (before {@code label_ds}). */
  static void addColumns(Table table, List<StructField> columns) {
    if (columns.isEmpty()) {
      return;
    }
    Schema types = SparkSchemaUtil.convert(new StructType(columns.toArray(StructField[]::new)));
    UpdateSchema update = table.updateSchema();
    for (StructField column : columns) {
      update.addColumn(column.name(), types.findType(column.name()));
      update.moveBefore(column.name(), Names.LABEL_DS_COLUMN);
    }
    update.commit();
  }

  /** The label columns the table has, in order: every column but the row key, {@code label_ds} and {@code ds}. */
  static List<StructField> labelColumns(Table table, List<String> rowKeyColumns) {
    List<StructField> columns = new ArrayList<>();
    for (StructField field : SparkSchemaUtil.convert(table.schema()).fields()) {
      String name = field.name();
      if (!rowKeyColumns.contains(name) && !name.equals(Names.LABEL_DS_COLUMN)
          && !name.equals(Names.PARTITION_COLUMN)) {
        columns.add(field);
      }
    }
    return columns;
  }

  /** The label versions ({@code label_ds}) the table's current snapshot holds, read from file metadata. */
  static SortedSet<String> versions(Table table) {
    int position = -1;
    for (int i = 0; i < table.spec().fields().size(); i++) {
      if (table.schema().findColumnName(table.spec().fields().get(i).sourceId()).equals(Names.LABEL_DS_COLUMN)) {
        position = i;
      }
    }
    SortedSet<String> versions = new TreeSet<>();
    try (CloseableIterable<FileScanTask> files = table.newScan().planFiles()) {
      for (FileScanTask file : files) {
        versions.add(String.valueOf(file.file().partition().get(position, Object.class)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }

  /**
   * Replaces label version {@code labelDs} with {@code rows} in one commit (the rows of every other version stay as
   * they are), after putting the rows' columns in the table's order (NULL for label columns they lack). Returns the
   * rows added.
   */
  static long replaceVersion(TidemarkCatalog catalog, TableName name, Dataset<Row> rows, String labelDs,
      Map<String, String> snapshotProperties) {
    Table table = catalog.loadTable(name).orElseThrow();
    List<String> present = List.of(rows.columns());
    List<Column> columns = new ArrayList<>();
    for (StructField field : SparkSchemaUtil.convert(table.schema()).fields()) {
      columns.add(present.contains(field.name())
          ? col(quote(field.name()))
          : lit(null).cast(field.dataType()).as(field.name()));
    }
    DataFrameWriterV2<Row> writer = rows.select(columns.toArray(Column[]::new)).writeTo(catalog.sqlName(name));
    snapshotProperties.forEach((key, value) -> writer.option(SNAPSHOT_PROPERTY + key, value));
    try {
      writer.overwrite(col(Names.LABEL_DS_COLUMN).equalTo(lit(labelDs)));
    } catch (Exception e) {
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
    table.refresh();
    return Long.parseLong(table.currentSnapshot().summary().getOrDefault("added-records", "0"));
  }

  /** The snapshot summary of a commit of label version {@code labelDs} covering {@code leftDays}. */
  static Map<String, String> snapshotProperties(String runId, String labelDs, DayRange leftDays, String hash) {
    return Map.of(TableProperties.RUN_ID, runId,
        TableProperties.ACTION, "label",
        TableProperties.LABEL_DS, labelDs,
        TableProperties.DS_RANGE, leftDays.first() + ".." + leftDays.last(),
        TableProperties.DEFINITION_HASH, hash);
  }

  static TableIdentifier identifier(TableName name) {
    return TableIdentifier.of(Namespace.of(name.namespace().split("\\.")), name.name());
  }

  static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
