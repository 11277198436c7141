package io.tidemark.bench;

import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillPlan;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.JoinBackfill;
import io.tidemark.engine.OutputTableState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

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
    BenchOptions options = BenchOptions.parse(args, 2);
    TidemarkCatalog catalog = options.openCatalog();
    try {
      run(catalog, options);
    } finally {
      catalog.spark().stop();
    }
  }

  private static void run(TidemarkCatalog catalog, BenchOptions options) throws Exception {
    System.out.println("Tidemark part-add benchmark, scale " + options.scale().describe());
    options.prepare(catalog);
    Path definitions = options.directory().resolve("definitions");
    String rowIds = ", \"rowIds\": [\"row_id\"]";
    Path v1 = Formulations.writeJoin(definitions.resolve("v1"), "bench.evolving.v1", rowIds);
    Path v2 = Formulations.writeJoin(definitions.resolve("v2"), "bench.evolving.v1", ADDED_PART, rowIds);
    Path rebuilt = Formulations.writeJoin(definitions.resolve("rebuilt"), "bench.rebuilt.v1", ADDED_PART, rowIds);
    long bestAdd = Long.MAX_VALUE;
    long bestRebuild = Long.MAX_VALUE;
    for (int i = 0; i < options.repeat(); i++) {
      catalog.spark().sql("DROP TABLE IF EXISTS lake.bench_out.bench_evolving_v1");
      time(catalog, v1, OutputTableState.NEW);
      bestAdd = Math.min(bestAdd, time(catalog, v2, OutputTableState.EVOLVED));
      catalog.spark().sql("DROP TABLE IF EXISTS lake.bench_out.bench_rebuilt_v1");
      bestRebuild = Math.min(bestRebuild, time(catalog, rebuilt, OutputTableState.NEW));
    }
    System.out.printf(Locale.ROOT, "  part-add run:  best of %d %.2f s%n", options.repeat(), bestAdd / 1000.0);
    System.out.printf(Locale.ROOT, "  full rebuild:  best of %d %.2f s%n", options.repeat(), bestRebuild / 1000.0);
    System.out.printf(Locale.ROOT, "  part-add / rebuild: %.0f %%%n", 100.0 * bestAdd / bestRebuild);
    reportProvenanceBytes(catalog.loadTable(new TableName("bench_out", "bench_rebuilt_v1")).orElseThrow());
  }

  /** Plans and runs a backfill of {@code join}, checking it does what the benchmark means to time. */
  private static long time(TidemarkCatalog catalog, Path join, OutputTableState expected) {
    long started = System.nanoTime();
    JoinBackfill backfill = new JoinBackfill(catalog, DefinitionLoader.loadJoin(join));
    BackfillPlan plan = backfill.plan(BackfillRange.all());
    if (plan.tableState() != expected) {
      throw new IllegalStateException("Expected a " + expected + " table, planned " + plan.describe());
    }
    backfill.run(plan, BackfillListener.NONE);
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** The provenance column's share of the table's bytes, from Iceberg's per-column file metrics. */
  private static void reportProvenanceBytes(Table table) {
    int provenanceKey = table.schema().findField(Names.PROVENANCE_COLUMN + ".key").fieldId();
    int provenanceValue = table.schema().findField(Names.PROVENANCE_COLUMN + ".value").fieldId();
    long total = 0;
    long provenance = 0;
    long rows = 0;
    try (CloseableIterable<FileScanTask> files = table.newScan().planFiles()) {
      for (FileScanTask task : files) {
        DataFile file = task.file();
        total += file.fileSizeInBytes();
        rows += file.recordCount();
        provenance += file.columnSizes().getOrDefault(provenanceKey, 0L)
            + file.columnSizes().getOrDefault(provenanceValue, 0L);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.printf(Locale.ROOT, "  provenance column: %,d of %,d bytes (%.1f %%), %.2f bytes per row%n",
        provenance, total, 100.0 * provenance / total, (double) provenance / rows);
  }
}
