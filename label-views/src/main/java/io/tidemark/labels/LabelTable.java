package io.tidemark.labels;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
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
  private LabelTable() {}

  /**
   * A change that creates the table with {@code schema}'s columns, partitioned by {@code label_ds} then {@code ds};
   * nothing exists until it commits.
   */
  static TableChange create(TidemarkCatalog catalog, TableName name, StructType schema,
      Map<String, String> properties, CommitInfo info) {
    Schema iceberg = SparkSchemaUtil.convert(schema);
    PartitionSpec spec = PartitionSpec.builderFor(iceberg)
        .identity(Names.LABEL_DS_COLUMN)
        .identity(Names.PARTITION_COLUMN)
        .build();
    return OwnedTable.create(catalog, name, iceberg, spec, properties, info);
  }

  /** Adds {@code columns} to the table within {@code change}, among the label columns (before {@code label_ds}). */
  static void addColumns(TableChange change, List<StructField> columns) {
    if (columns.isEmpty()) {
      return;
    }
    Schema types = SparkSchemaUtil.convert(new StructType(columns.toArray(StructField[]::new)));
    change.updateSchema(update -> {
      for (StructField column : columns) {
        update.addColumn(column.name(), types.findType(column.name()));
        update.moveBefore(column.name(), Names.LABEL_DS_COLUMN);
      }
    });
  }

  /** The label columns of {@code bound} that the table lacks. */
  static List<StructField> labelColumnsMissing(Table table, LabelComputation bound) {
    List<String> stored = List.of(SparkSchemaUtil.convert(table.schema()).fieldNames());
    return bound.labelFields().stream().filter(field -> !stored.contains(field.name())).toList();
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
  static SortedSet<Day> versions(Table table) {
    int position = -1;
    for (int i = 0; i < table.spec().fields().size(); i++) {
      if (table.schema().findColumnName(table.spec().fields().get(i).sourceId()).equals(Names.LABEL_DS_COLUMN)) {
        position = i;
      }
    }
    SortedSet<Day> versions = new TreeSet<>();
    try (CloseableIterable<FileScanTask> files = table.newScan().planFiles()) {
      for (FileScanTask file : files) {
        versions.add(Day.parse(String.valueOf(file.file().partition().get(position, Object.class))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }

  /**
   * Replaces label version {@code labelDs} with {@code rows} within {@code change} (the rows of every other version
   * stay as they are), after putting the rows' columns in the table's order (NULL for label columns they lack).
   * Returns the rows added.
   */
  static long replaceVersion(TableChange change, Dataset<Row> rows, Day labelDs) {
    Table table = change.table();
    List<String> present = List.of(rows.columns());
    List<Column> columns = new ArrayList<>();
    for (StructField field : SparkSchemaUtil.convert(table.schema()).fields()) {
      columns.add(present.contains(field.name())
          ? col(quote(field.name()))
          : lit(null).cast(field.dataType()).as(field.name()));
    }
    DataFrameWriterV2<Row> writer = rows.select(columns.toArray(Column[]::new)).writeTo(change.sqlName());
    change.writeOptions().forEach(writer::option);
    try {
      writer.overwrite(col(Names.LABEL_DS_COLUMN).equalTo(lit(labelDs.toString())));
    } catch (Exception e) {
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
    Snapshot snapshot = change.table().currentSnapshot();
    return snapshot == null || change.base().equals(Optional.of(snapshot.snapshotId())) ? 0
        : Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
  }

  static TableIdentifier identifier(TableName name) {
    return TableIdentifier.of(Namespace.of(name.namespace().split("\\.")), name.name());
  }


}
