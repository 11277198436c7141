package io.tidemark.engine.spark;

import static io.tidemark.engine.spark.SourceScan.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.tidemark.api.naming.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;

/**
 * One source of precomputed values for a join, checked against its table: a bootstrap part, or the join's log table.
 * It provides some of the join's output columns for the rows whose keys (and day) it has.
 */
final class BootstrapSource {
  /** How rows that share keys within a day are treated. */
  enum Kind {
    /** A table part: keys are unique within a day (checked before any write). */
    TABLE,
    /** A log table: a row id may be logged more than once; the latest logged row counts. */
    LOG
  }

  private final String label;
  private final String path;
  private final Kind kind;
  private final SourceScan scan;
  private final List<String> keys;
  private final Map<String, DataType> columns;

  /**
   * @param label how the ledger, provenance and messages name the source: its semantic hash component, e.g.
   *     {@code bootstrap data.legacy}
   * @param path where the source is declared in the definition, e.g. {@code bootstrapParts[0]}
   * @param keys the columns matched to the left columns of the same names, besides {@code ds}
   * @param columns the output columns the source provides, with their types
   */
  BootstrapSource(String label, String path, Kind kind, SourceScan scan, List<String> keys,
      Map<String, DataType> columns) {
    this.label = label;
    this.path = path;
    this.kind = kind;
    this.scan = scan;
    this.keys = List.copyOf(keys);
    this.columns = new LinkedHashMap<>(columns);
  }

  String label() {
    return label;
  }

  String path() {
    return path;
  }

  Kind kind() {
    return kind;
  }

  List<String> keys() {
    return keys;
  }

  /** The output columns this source provides, in its query's order. */
  List<String> columns() {
    return List.copyOf(columns.keySet());
  }

  /** The source's rows of {@code days}: its keys, the columns it provides, and {@code ds}; one row per key and day. */
  Dataset<Row> read(List<String> days) {
    Dataset<Row> rows = scan.read(days);
    if (kind == Kind.LOG) {
      Column[] partition = new Column[keys.size() + 1];
      for (int i = 0; i < keys.size(); i++) {
        partition[i] = col(quote(keys.get(i)));
      }
      partition[keys.size()] = col(Names.PARTITION_COLUMN);
      String rank = "__rank";
      rows = rows.withColumn(rank, row_number().over(Window.partitionBy(partition)
              .orderBy(col(Names.TIME_COLUMN).desc())))
          .filter(col(rank).equalTo(1));
    }
    return rows.select(projection().toArray(Column[]::new));
  }

  /** The source's rows of {@code days} as its query yields them, before any deduplication. */
  Dataset<Row> readAsIs(List<String> days) {
    return scan.read(days).select(projection().toArray(Column[]::new));
  }

  private List<Column> projection() {
    List<Column> projection = new ArrayList<>();
    keys.forEach(key -> projection.add(col(quote(key))));
    columns.keySet().forEach(column -> projection.add(col(quote(column))));
    projection.add(col(Names.PARTITION_COLUMN));
    return projection;
  }
}
