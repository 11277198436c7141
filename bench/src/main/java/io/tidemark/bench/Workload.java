package io.tidemark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.xxhash64;

import io.tidemark.api.time.PartitionDates;
import java.nio.file.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's data, the same for every run of a scale: right events (key, ts, amount) over 60 days and left queries
 * (row_id, key, ts) over the last 7 of them. Keys are power-law skewed, {@code key = floor(K u^3)} with u uniform, so
 * key 0 is the hottest. Values come from hashes of the row number, so no random state is involved.
 */
final class Workload {
  static final long START = PartitionDates.startMillis("2023-01-01");
  static final long DAYS = 60;
  static final long QUERY_DAYS = 7;

  /** The features every formulation computes: name, operation over amount, window in milliseconds. */
  static final String[][] FEATURES = {
      {"sum_1h", "SUM", "3600000"}, {"count_1h", "COUNT", "3600000"},
      {"sum_1d", "SUM", "86400000"}, {"count_1d", "COUNT", "86400000"},
      {"sum_7d", "SUM", "604800000"}, {"count_7d", "COUNT", "604800000"},
      {"sum_30d", "SUM", "2592000000"}, {"count_30d", "COUNT", "2592000000"},
      {"max_7d", "MAX", "604800000"}};

  private Workload() {}

  /** Writes the events and queries as Parquet under {@code directory} (events/, queries/). */
  static void generate(SparkSession spark, Scale scale, Path directory) {
    Dataset<Row> events = spark.range(scale.rightRows()).select(
        key(col("id"), 1, scale.keys()),
        lit(START).plus(pmod(xxhash64(col("id"), lit(2)), lit(DAYS * PartitionDates.DAY_MILLIS))).as("ts"),
        pmod(xxhash64(col("id"), lit(3)), lit(1000)).plus(1).as("amount"));
    long queryStart = START + (DAYS - QUERY_DAYS) * PartitionDates.DAY_MILLIS;
    Dataset<Row> queries = spark.range(scale.leftRows()).select(
        col("id").as("row_id"),
        key(col("id"), 4, scale.keys()),
        lit(queryStart).plus(pmod(xxhash64(col("id"), lit(5)), lit(QUERY_DAYS * PartitionDates.DAY_MILLIS))).as("ts"));
    withDay(events).write().mode("overwrite").parquet(directory.resolve("events").toString());
    withDay(queries).write().mode("overwrite").parquet(directory.resolve("queries").toString());
  }

  /** floor(K u^3) with u uniform in [0, 1) from 53 bits of a hash. */
  private static Column key(Column id, int seed, long keys) {
    Column uniform = pmod(xxhash64(id, lit(seed)), lit(1L << 53)).cast("double").divide(lit((double) (1L << 53)));
    return floor(lit((double) keys).multiply(pow(uniform, 3))).cast("bigint").as("key");
  }

  private static Dataset<Row> withDay(Dataset<Row> rows) {
    return rows.withColumn("ds", date_format(timestamp_millis(col("ts")), "yyyy-MM-dd"));
  }
}
