package io.tidemark.bench;

import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.naming.Names;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.DataCheckTiming;
import io.tidemark.engine.JoinBackfill;
import io.tidemark.engine.JoinBackfillPlan;
import io.tidemark.engine.OutputTableState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The cost of adding a part to a join that is already built, against building the join anew. The join is the
 * aggregation benchmark's (9 windowed columns over the events); the added part counts each key's events over 7 days.
 * Adding it recomputes that one column for every row and merges it into the table; a rebuild computes all 10 columns
 * and writes a new table. Also reports what the provenance column costs in storage.
 *
 * <pre>bench/run evolution [--scale S|M] [--repeat N] [--reuse-data]</pre>
 */
public final class EvolutionBenchmark {
  private static final String ADDED_PART = """
      , {"groupBy": {"metaData": {"name": "bench.recent.v1"},
         "sources": [{"events": {"table": "bench.events", "query": {"selects": {"key": "key", "amount": "amount"}}}}],
         "keyColumns": ["key"],
         "aggregations": [{"inputColumn": "amount", "operation": "COUNT",
                           "windows": [{"length": 7, "timeUnit": "DAYS"}]}],
         "accuracy": "TEMPORAL"}}""";

  private EvolutionBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions.parse(args, 2).run((catalog, options) -> run(catalog, options));
  }

  /** The best times of adding the part and of rebuilding the join with it. */
  record Result(long partAddMillis, long rebuildMillis) {
    double ratio() {
      return (double) partAddMillis / rebuildMillis;
    }
  }

  static Result run(TidemarkCatalog catalog, BenchOptions options) throws Exception {
    System.out.println("Tidemark part-add benchmark, scale " + options.scale().describe());
    options.prepare(catalog);
    Path definitions = options.directory().resolve("definitions");
    String rowIds = ", \"rowIds\": [\"row_id\"]";
    Path v1 = Formulations.writeJoin(definitions.resolve("v1"), "bench.evolving.v1", rowIds);
    Path v2 = Formulations.writeJoin(definitions.resolve("v2"), "bench.evolving.v1", ADDED_PART, rowIds);
    Path rebuilt = Formulations.writeJoin(definitions.resolve("rebuilt"), "bench.rebuilt.v1", ADDED_PART, rowIds);
    TimedBackfill bestAdd = null;
    TimedBackfill bestRebuild = null;
    for (int i = 0; i < options.repeat(); i++) {
      catalog.spark().sql("DROP TABLE IF EXISTS lake.bench_out.bench_evolving_v1");
      time(catalog, v1, OutputTableState.NEW);
      bestAdd = TimedBackfill.better(bestAdd, time(catalog, v2, OutputTableState.EVOLVED));
      catalog.spark().sql("DROP TABLE IF EXISTS lake.bench_out.bench_rebuilt_v1");
      bestRebuild = TimedBackfill.better(bestRebuild, time(catalog, rebuilt, OutputTableState.NEW));
    }
    System.out.printf(Locale.ROOT, "  part-add run:  best of %d %.2f s%n", options.repeat(), bestAdd.millis() / 1000.0);
    System.out.print(bestAdd.profile().describe());
    System.out.printf(Locale.ROOT, "  full rebuild:  best of %d %.2f s%n", options.repeat(),
        bestRebuild.millis() / 1000.0);
    System.out.print(bestRebuild.profile().describe());
    System.out.printf(Locale.ROOT, "  part-add / rebuild: %.0f %%%n", 100.0 * bestAdd.millis() / bestRebuild.millis());
    reportProvenanceBytes(catalog, options.directory().resolve("provenance"));
    return new Result(bestAdd.millis(), bestRebuild.millis());
  }

  /** Plans and runs a backfill of {@code join}, checking it does what the benchmark means to time. */
  private static TimedBackfill time(TidemarkCatalog catalog, Path join, OutputTableState expected) {
    long started = System.nanoTime();
    RunProfile profile = RunProfile.start(catalog.spark().sparkContext());
    try {
      JoinBackfill backfill = new JoinBackfill(catalog, DefinitionLoader.loadJoin(join));
      JoinBackfillPlan plan = backfill.plan(BackfillRange.all(), DataCheckTiming.WHILE_RUNNING);
      if (plan.tableState() != expected) {
        throw new IllegalStateException("Expected a " + expected + " table, planned " + plan.describe());
      }
      backfill.run(plan, BackfillListener.NONE);
    } finally {
      profile.stop();
    }
    return new TimedBackfill((System.nanoTime() - started) / 1_000_000, profile);
  }

  /**
   * What the provenance column adds to the table's bytes: the table written as Parquet with and without it (the
   * table's own files need not carry per-column size metrics).
   */
  private static void reportProvenanceBytes(TidemarkCatalog catalog, Path directory) throws IOException {
    Dataset<Row> table = catalog.spark().table("lake.bench_out.bench_rebuilt_v1");
    long with = parquetBytes(table, directory.resolve("with_provenance"));
    long without = parquetBytes(table.drop(Names.PROVENANCE_COLUMN), directory.resolve("without_provenance"));
    long rows = table.count();
    System.out.printf(Locale.ROOT, "  provenance column: %,d of %,d Parquet bytes (%.1f %%), %.2f bytes per row%n",
        with - without, with, 100.0 * (with - without) / with, (double) (with - without) / rows);
  }

  private static long parquetBytes(Dataset<Row> rows, Path folder) throws IOException {
    rows.write().mode("overwrite").parquet(folder.toString());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }
}
