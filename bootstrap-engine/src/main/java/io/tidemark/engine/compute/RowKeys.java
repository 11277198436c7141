package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.md5;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.tidemark.api.naming.Names;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The stable key of each output row of a join without row ids: the MD5 of the left row's values (as JSON), a dash,
 * and the row's occurrence number among identical rows of its day. The same left rows get the same keys on every
 * run, so fills can merge on them.
 */
final class RowKeys {
  private RowKeys() {}

  /** {@code left} with {@link Names#ROW_KEY_COLUMN} added, by numbering identical rows with a window. */
  static Dataset<Row> add(Dataset<Row> left) {
    String hash = "__row_hash";
    Dataset<Row> hashed = left.withColumn(hash, hash(left));
    // Rows with the same hash are identical, so numbering them in any order gives the same keys.
    Column occurrence = row_number().over(Window.partitionBy(col(hash), col(Names.PARTITION_COLUMN))
        .orderBy(col(hash)));
    return hashed.withColumn(Names.ROW_KEY_COLUMN, concat(col(hash), lit("-"), occurrence.cast("string")))
        .drop(hash);
  }

  /**
   * The hash of each row's values (every column but {@code ds}): identical rows of a day share it, and the key adds
   * their occurrence number. The sweep numbers them itself when it is the first pass over the left rows.
   */
  static Column hash(Dataset<Row> left) {
    List<Column> values = new ArrayList<>();
    for (String column : left.columns()) {
      if (!column.equals(Names.PARTITION_COLUMN)) {
        values.add(col(quote(column)));
      }
    }
    return md5(to_json(struct(values.toArray(Column[]::new))));
  }

  /** The key of the {@code occurrence}-th row (from 1) with {@code hash} in its day. */
  static String key(String hash, long occurrence) {
    return hash + "-" + occurrence;
  }
}
