package io.tidemark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.naming.TableName;
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
import org.apache.iceberg.Table;

/**
 * Scan time of a join's table after 30 daily MERGE fills and a part-add, before and after {@code maintain}: once with
 * Iceberg's default copy-on-write MERGE, once with merge-on-read (which leaves delete files). The left is a tenth of
 * the benchmark's events over their last 30 days; the join has one windowed part, and the part-add adds another.
 *
 * <pre>bench/run maintenance [--scale S|M] [--repeat N] [--reuse-data]</pre>
 */
public final class MaintenanceBenchmark {
  private static final String FIRST_DS = "2023-01-31";
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
    System.out.printf(Locale.ROOT, "%s: 30 daily MERGE fills %.1f s, part-add %.1f s%n", mode, fills / 1000.0,
        partAdd / 1000.0);
    Layout before = Layout.of(catalog.loadTable(output).orElseThrow());
    long scanBefore = bestScan(catalog, output, options.repeat());

    long maintained = timed(() -> {
      MaintenanceOptions maintenance = new MaintenanceOptions(Clock.systemUTC().instant(),
          MaintenanceOptions.DEFAULT_ORPHAN_FLOOR, RetentionOverrides.none());
      MaintenancePlan plan = new MaintenancePlanner(catalog).plan(
          MaintenanceScope.ofJoin(catalog, DefinitionLoader.loadJoin(withPart)), maintenance);
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
    backfill.run(backfill.plan(new BackfillRange(FIRST_DS, LAST_DS, stepDays), DataCheckTiming.WHILE_RUNNING), BackfillListener.NONE);
  }

  private static Path writeJoin(Path definitions, String name, String mode, boolean withSecondPart)
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
         "rowIds": ["row_id"]}
        """.formatted(name, mode, mode, parts));
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
