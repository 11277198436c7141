package io.tidemark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_millis;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.TidemarkCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The cost of one new day against the history kept in the sources: the aggregation benchmark's join backfilled for
 * the last day of queries only, once over the events as generated (60 days) and once over ten times that history
 * (the same events repeated 60, 120, ... 540 days earlier). The longest window is 30 days, so both runs read the same
 * events; only the metadata to find them grows.
 *
 * <pre>bench/run incremental [--scale S|M] [--repeat N] [--reuse-data]</pre>
 */
public final class IncrementalBenchmark {
  static final int HISTORY_FACTOR = 10;
  private static final String DAY =
      PartitionDates.dayOf(Workload.START + (Workload.DAYS - 1) * PartitionDates.DAY_MILLIS);

  /** The best times of one new day's backfill, over the history as generated and over ten times as much. */
  record Result(long oneHistoryMillis, long tenHistoriesMillis) {
    double ratio() {
      return (double) tenHistoriesMillis / oneHistoryMillis;
    }
  }

  private IncrementalBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions.parse(args, 3).run((catalog, options) -> run(catalog, options));
  }

  static Result run(TidemarkCatalog catalog, BenchOptions options) throws Exception {
    System.out.println("Tidemark incremental-day benchmark, scale " + options.scale().describe() + "; the new day is "
        + DAY);
    options.prepare(catalog);
    SparkSession spark = catalog.spark();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.bench_inc");
    if (!options.reuseData() || !catalog.tableExists(TableName.parse("bench_inc.events_10x"))) {
      writeHistory(spark);
    }
    Path definitions = options.directory().resolve("incremental-definitions");
    Path one = join(definitions, "bench.inc_one.v1", "bench_inc.events_1x");
    Path ten = join(definitions, "bench.inc_ten.v1", "bench_inc.events_10x");
    long bestOne = Long.MAX_VALUE;
    long bestTen = Long.MAX_VALUE;
    RunProfile tenProfile = null;
    for (int i = 0; i < options.repeat(); i++) {
      bestOne = Math.min(bestOne,
          TimedBackfill.oneDay(catalog, one, DAY, "bench_inc_out.bench_inc_one_v1").millis());
      TimedBackfill timed = TimedBackfill.oneDay(catalog, ten, DAY, "bench_inc_out.bench_inc_ten_v1");
      if (timed.millis() < bestTen) {
        bestTen = timed.millis();
        tenProfile = timed.profile();
      }
    }
    Result result = new Result(bestOne, bestTen);
    System.out.printf(Locale.ROOT, "  one day, %d days of history:  best of %d %.2f s%n", Workload.DAYS,
        options.repeat(), bestOne / 1000.0);
    System.out.printf(Locale.ROOT, "  one day, %d days of history: best of %d %.2f s%n",
        Workload.DAYS * HISTORY_FACTOR, options.repeat(), bestTen / 1000.0);
    System.out.printf(Locale.ROOT, "  10x history / 1x history: %.2f%n", result.ratio());
    System.out.println("  Where the run over 10x history spent its time (best run):");
    System.out.print(tenProfile.describe());
    return result;
  }

  /**
   * The events as generated, and ten times their history: each copy {@code k} moved {@code k * 60} days back. The
   * left is the queries of the last day.
   */
  private static void writeHistory(SparkSession spark) throws Exception {
    Dataset<Row> events = spark.table("lake.bench.events").select("key", "ts", "amount");
    events.withColumn("ds", day(col("ts"))).writeTo("lake.bench_inc.events_1x").partitionedBy(col("ds"))
        .createOrReplace();
    Dataset<Row> history = null;
    for (int k = 0; k < HISTORY_FACTOR; k++) {
      Dataset<Row> copy = events.withColumn("ts", col("ts").minus(lit(k * Workload.DAYS * PartitionDates.DAY_MILLIS)));
      history = history == null ? copy : history.union(copy);
    }
    history.withColumn("ds", day(col("ts"))).writeTo("lake.bench_inc.events_10x").partitionedBy(col("ds"))
        .createOrReplace();
    spark.table("lake.bench.queries").where(col("ds").equalTo(DAY)).writeTo("lake.bench_inc.queries")
        .partitionedBy(col("ds")).createOrReplace();
  }

  private static Column day(Column ts) {
    return date_format(timestamp_millis(ts), "yyyy-MM-dd");
  }

  /** The benchmark's join over the new day's queries and {@code events}. */
  private static Path join(Path definitions, String name, String events) throws Exception {
    Path file = Formulations.writeJoin(definitions, name, "");
    Files.writeString(file, Files.readString(file).replace("\"bench.queries\"", "\"bench_inc.queries\"")
        .replace("\"bench.events\"", "\"" + events + "\"").replace("\"bench_out\"", "\"bench_inc_out\""));
    return file;
  }
}
