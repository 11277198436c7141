package io.tidemark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.xxhash64;

import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.EmbeddedCatalogConfig;
import io.tidemark.catalog.SparkSessions;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.BackfillResult;
import io.tidemark.engine.DataCheckTiming;
import io.tidemark.engine.JoinBackfill;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One key with a million events over 30 days and a hundred thousand queries on the last day, so a 30-day window holds
 * nearly all of them: the sweep must run in time linear in the rows and in memory bounded by the one key's window.
 * Run with a 4 GB heap: {@code BENCH_JAVA_OPTS=-Xmx4g bench/run hot-key}.
 */
public final class HotKeyBenchmark {
  private static final long EVENTS = 1_000_000;
  private static final long QUERIES = 100_000;
  private static final long START = PartitionDates.startMillis("2023-01-01");

  private HotKeyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of("bench", "work", "hot-key").toAbsolutePath();
    EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(directory.resolve("warehouse"));
    TidemarkCatalog catalog = new TidemarkCatalog(SparkSessions.create(config, "local[*]", Map.of()), config);
    SparkSession spark = catalog.spark();
    try {
      spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.hot");
      long day = PartitionDates.DAY_MILLIS;
      Dataset<Row> events = spark.range(EVENTS).select(lit(0L).as("key"),
          lit(START).plus(col("id").multiply(30 * day).divide(EVENTS).cast("long")).as("ts"),
          pmod(xxhash64(col("id")), lit(1000)).as("amount"));
      Dataset<Row> queries = spark.range(QUERIES).select(col("id").as("row_id"), lit(0L).as("key"),
          lit(START + 29 * day).plus(pmod(xxhash64(col("id")), lit(day))).as("ts"));
      save(events, "lake.hot.events");
      save(queries, "lake.hot.queries");
      spark.sql("DROP TABLE IF EXISTS lake.hot_out.hot_features_v1");
      Path join = directory.resolve("definitions/joins/hot/features.v1");
      Files.createDirectories(join.getParent());
      Files.writeString(join, """
          {"metaData": {"name": "hot.features.v1", "outputNamespace": "hot_out"},
           "left": {"events": {"table": "hot.queries", "query": {"selects": {"row_id": "row_id", "key": "key"}}}},
           "joinParts": [{"groupBy": {"metaData": {"name": "hot.amounts.v1"},
             "sources": [{"events": {"table": "hot.events", "query": {"selects": {"key": "key", "amount": "amount"}}}}],
             "keyColumns": ["key"],
             "aggregations": [
               {"inputColumn": "amount", "operation": "SUM", "windows": [{"length": 30, "timeUnit": "DAYS"}]},
               {"inputColumn": "amount", "operation": "MAX", "windows": [{"length": 30, "timeUnit": "DAYS"}]},
               {"inputColumn": "amount", "operation": "LAST_K", "argMap": {"k": "5"}},
               {"inputColumn": "amount", "operation": "APPROX_PERCENTILE",
                "windows": [{"length": 7, "timeUnit": "DAYS"}]}],
             "accuracy": "TEMPORAL"}}]}
          """);
      long started = System.nanoTime();
      JoinBackfill backfill = new JoinBackfill(catalog, DefinitionLoader.loadJoin(join));
      BackfillResult result = backfill.run(backfill.plan(BackfillRange.all(), DataCheckTiming.WHILE_RUNNING), BackfillListener.NONE);
      System.out.printf(Locale.ROOT, "Hot key: %,d events, %,d queries -> %,d rows in %.1f s with a %,d MB heap%n",
          EVENTS, QUERIES, result.rowsWritten(), (System.nanoTime() - started) / 1e9,
          Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      spark.stop();
    }
  }

  private static void save(Dataset<Row> rows, String table) throws Exception {
    rows.withColumn("ds", date_format(timestamp_millis(col("ts")), "yyyy-MM-dd"))
        .writeTo(table).partitionedBy(col("ds")).createOrReplace();
  }
}
