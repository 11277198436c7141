package io.tidemark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.DataCheckTiming;
import io.tidemark.engine.JoinBackfill;
import io.tidemark.maintenance.retention.MaintenanceListener;
import io.tidemark.maintenance.retention.MaintenanceOptions;
import io.tidemark.maintenance.retention.MaintenancePlan;
import io.tidemark.maintenance.retention.MaintenancePlanner;
import io.tidemark.maintenance.retention.MaintenanceReport;
import io.tidemark.maintenance.retention.MaintenanceRunner;
import io.tidemark.maintenance.retention.MaintenanceScope;
import io.tidemark.maintenance.retention.RetentionOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.apache.iceberg.Table;

/**
 * The cost of Tidemark's writes under copy-on-write and merge-on-read, and the scan time of the table they leave,
 * before and after {@code maintain}. A join is filled over 30 days one day per step (appends), a part is added (the
 * days rewritten with the new column), and a bootstrap part that corrects 5 % of the rows is added (those rows derived
 * again by {@code MERGE}: the one write here where the table's {@code write.merge.mode} matters; merge-on-read writes
 * deletion vectors on format v3). The left is a tenth of the benchmark's events over their last 30 days; the join has
 * one windowed part, and the part-add adds another.
 *
 * <pre>bench/run maintenance [--scale S|M] [--repeat N] [--reuse-data]</pre>
 */
public final class MaintenanceBenchmark {
  private static final String FIRST_DS = "2023-01-31";
  /** The column the corrections bootstrap supplies: the first part's 1-day sum. */
  private static final String CORRECTED = "bench_sums_v1_amount_sum_1d";
  private static final String LAST_DS = "2023-03-01";
  private static final String PART = """
      {"groupBy": {"metaData": {"name": "bench.%s.v1"},
         "sources": [{"events": {"table": "bench.events", "query": {"selects": {"key": "key", "amount": "amount"}}}}],
         "keyColumns": ["key"],
         "aggregations": [{"inputColumn": "amount", "operation": "%s",
                           "windows": [{"length": 1, "timeUnit": "DAYS"}, {"length": 7, "timeUnit": "DAYS"}]}],
         "accuracy": "TEMPORAL"}}""";

  private MaintenanceBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions.parse(args, 5).run(MaintenanceBenchmark::run);
  }

  private static void run(TidemarkCatalog catalog, BenchOptions options) throws Exception {
    System.out.println("Tidemark maintenance benchmark, scale " + options.scale().describe());
    options.prepare(catalog);
    catalog.spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.bench_maint");
    catalog.spark().table("lake.bench.events").where(col("ds").geq(FIRST_DS)).sample(0.1, 7)
        .withColumn("row_id", monotonically_increasing_id())
        .select("row_id", "key", "ts", "ds")
        .writeTo("lake.bench_maint.left").partitionedBy(col("ds")).createOrReplace();
    for (String mode : new String[] {"copy-on-write", "merge-on-read"}) {
      measure(catalog, options, mode);
    }
  }

  private static void measure(TidemarkCatalog catalog, BenchOptions options, String mode) throws Exception {
    String name = "bench.maintained_" + mode.replace('-', '_') + ".v1";
    TableName output = new TableName("bench_out", name.replace('.', '_'));
    catalog.spark().sql("DROP TABLE IF EXISTS " + catalog.sqlName(output));
    Path definitions = options.directory().resolve("maintenance-definitions").resolve(mode);
    Path join = writeJoin(definitions.resolve("v1"), name, mode, false);
    long fills = timed(() -> backfill(catalog, join, 1));
    Path withPart = writeJoin(definitions.resolve("v2"), name, mode, true);
    long partAdd = timed(() -> backfill(catalog, withPart, 7));
    catalog.spark().table(catalog.sqlName(output)).filter(pmod(xxhash64(col("row_id")), lit(20)).equalTo(0))
        .select(col("row_id"), col(CORRECTED).plus(1).as(CORRECTED), col("ds"))
        .writeTo("lake.bench_maint.corrections").createOrReplace();
    Path withCorrections = writeJoin(definitions.resolve("v3"), name, mode, true,
        ", \"bootstrapParts\": [{\"table\": \"bench_maint.corrections\"}]");
    long rederive = timed(() -> backfill(catalog, withCorrections, 7));
    System.out.printf(Locale.ROOT, "%s: 30 daily fills %.1f s, part-add %.1f s, re-derive 5 %% of rows %.1f s%n",
        mode, fills / 1000.0, partAdd / 1000.0, rederive / 1000.0);
    Layout before = Layout.of(catalog.loadTable(output).orElseThrow());
    long scanBefore = bestScan(catalog, output, options.repeat());

    long maintained = timed(() -> {
      MaintenanceOptions maintenance = new MaintenanceOptions(Clock.systemUTC().instant(),
          MaintenanceOptions.DEFAULT_ORPHAN_FLOOR, RetentionOverrides.none());
      MaintenancePlan plan = new MaintenancePlanner(catalog).plan(
          MaintenanceScope.ofJoin(catalog, DefinitionLoader.loadJoin(withCorrections)), maintenance);
      MaintenanceReport report = new MaintenanceRunner(catalog, Clock.systemUTC()).run(plan, MaintenanceListener.NONE);
      System.out.println("  maintain: " + report.total().asMap());
    });
    Layout after = Layout.of(catalog.loadTable(output).orElseThrow());
    long scanAfter = bestScan(catalog, output, options.repeat());
    System.out.printf(Locale.ROOT, "  before maintain: %s; full scan best of %d %.3f s%n", before,
        options.repeat(), scanBefore / 1000.0);
    System.out.printf(Locale.ROOT, "  after maintain (%.1f s): %s; full scan best of %d %.3f s%n",
        maintained / 1000.0, after, options.repeat(), scanAfter / 1000.0);
    System.out.printf(Locale.ROOT, "  scan after / before: %.2f%n", (double) scanAfter / scanBefore);
  }

  private static void backfill(TidemarkCatalog catalog, Path join, int stepDays) {
    JoinBackfill backfill = new JoinBackfill(catalog, DefinitionLoader.loadJoin(join));
    BackfillRange range = new BackfillRange(Optional.of(Day.parse(FIRST_DS)), Optional.of(Day.parse(LAST_DS)),
        stepDays);
    backfill.run(backfill.plan(range, DataCheckTiming.WHILE_RUNNING), BackfillListener.NONE);
  }

  private static Path writeJoin(Path definitions, String name, String mode, boolean withSecondPart)
      throws Exception {
    return writeJoin(definitions, name, mode, withSecondPart, "");
  }

  private static Path writeJoin(Path definitions, String name, String mode, boolean withSecondPart, String bootstrap)
      throws Exception {
    String[] nameParts = name.split("\\.");
    Path join = definitions.resolve("joins/" + nameParts[0] + "/" + nameParts[1] + "." + nameParts[2]);
    Files.createDirectories(join.getParent());
    String parts = PART.formatted("sums", "SUM") + (withSecondPart ? ", " + PART.formatted("maxima", "MAX") : "");
    Files.writeString(join, """
        {"metaData": {"name": "%s", "outputNamespace": "bench_out",
                      "tableProperties": {"write.merge.mode": "%s", "write.update.mode": "%s"}},
         "left": {"events": {"table": "bench_maint.left",
                             "query": {"selects": {"row_id": "row_id", "key": "key", "ts": "ts"}}}},
         "joinParts": [%s],
         "rowIds": ["row_id"]%s}
        """.formatted(name, mode, mode, parts, bootstrap));
    return join;
  }

  /** The best wall time of reading every column of every row, after one unmeasured read. */
  private static long bestScan(TidemarkCatalog catalog, TableName table, int repeat) throws Exception {
    String scan = "SELECT sum(length(to_json(struct(*)))) FROM " + catalog.sqlName(table);
    catalog.spark().sql(scan).collect();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < repeat; i++) {
      best = Math.min(best, timed(() -> catalog.spark().sql(scan).collect()));
    }
    return best;
  }

  private interface Body {
    void run() throws Exception;
  }

  private static long timed(Body body) throws Exception {
    long started = System.nanoTime();
    body.run();
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** How the table's current snapshot is laid out. */
  private record Layout(long dataFiles, long deleteFiles, long manifests) {
    static Layout of(Table table) {
      var summary = table.currentSnapshot().summary();
      return new Layout(Long.parseLong(summary.get("total-data-files")),
          Long.parseLong(summary.get("total-delete-files")),
          table.currentSnapshot().allManifests(table.io()).size());
    }

    @Override
    public String toString() {
      return dataFiles + " data files, " + deleteFiles + " delete files, " + manifests + " manifests";
    }
  }
}
