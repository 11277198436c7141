package io.tidemark.bench;

import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillRange;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a join's parts cost as the join grows wide: the aggregation benchmark's join (one part, 9 columns) against the
 * same join with {@value #PARTS} such parts (72 columns), each a GroupBy of its own over the same events. Every part
 * sweeps the rows the parts before it computed, so a part that costs more the more columns come before it shows up
 * as a ratio above 1.
 *
 * <pre>bench/run wide [--scale S|M] [--repeat N] [--reuse-data]</pre>
 */
public final class WideJoinBenchmark {
  static final int PARTS = 8;

  private WideJoinBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions.parse(args, 2).run((catalog, options) -> run(catalog, options));
  }

  /** The best times of the one-part join and of the wide one. */
  record Result(long onePartMillis, long wideMillis) {
    /** The wide join's time per part, against the one-part join's. */
    double ratio() {
      return (double) wideMillis / PARTS / onePartMillis;
    }
  }

  static Result run(TidemarkCatalog catalog, BenchOptions options) throws Exception {
    System.out.println("Tidemark wide-join benchmark, scale " + options.scale().describe());
    options.prepare(catalog);
    Path definitions = options.directory().resolve("wide-definitions");
    String rowIds = ", \"rowIds\": [\"row_id\"]";
    StringBuilder moreParts = new StringBuilder();
    for (int p = 2; p <= PARTS; p++) {
      moreParts.append("""
          , {"groupBy": {"metaData": {"name": "bench.amounts%d.v1"},
             "sources": [{"events": {"table": "bench.events",
                                     "query": {"selects": {"key": "key", "amount": "amount"}}}}],
             "keyColumns": ["key"], "aggregations": [%s], "accuracy": "TEMPORAL"}}"""
          .formatted(p, Formulations.AGGREGATIONS));
    }
    Path onePart = Formulations.writeJoin(definitions.resolve("narrow"), "bench.one_part.v1", rowIds);
    Path wide = Formulations.writeJoin(definitions.resolve("wide"), "bench.wide.v1", moreParts.toString(), rowIds);
    TimedBackfill bestOne = null;
    TimedBackfill bestWide = null;
    // The wide join first: its minute-long run warms the JVM for the short one, whose first run would otherwise pay
    // for compiling the engine's code.
    for (int i = 0; i < options.repeat(); i++) {
      bestWide = TimedBackfill.better(bestWide,
          TimedBackfill.of(catalog, wide, BackfillRange.all(), "bench_out.bench_wide_v1"));
      bestOne = TimedBackfill.better(bestOne,
          TimedBackfill.of(catalog, onePart, BackfillRange.all(), "bench_out.bench_one_part_v1"));
    }
    Result result = new Result(bestOne.millis(), bestWide.millis());
    System.out.printf(Locale.ROOT, "  1 part:   best of %d %.2f s%n", options.repeat(), bestOne.millis() / 1000.0);
    System.out.printf(Locale.ROOT, "  %d parts:  best of %d %.2f s%n", PARTS, options.repeat(),
        bestWide.millis() / 1000.0);
    System.out.print(bestWide.profile().describe());
    System.out.printf(Locale.ROOT, "  %d parts / (%d x 1 part): %.2f%n", PARTS, PARTS, result.ratio());
    return result;
  }
}
