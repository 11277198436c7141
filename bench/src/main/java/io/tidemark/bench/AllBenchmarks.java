package io.tidemark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every benchmark in one run, one Spark session: the aggregation benchmark (Tidemark, the Spark range join, DuckDB and
 * the floor), bootstrap coverage, part-add against rebuild, and one new day against ten times the history. Prints
 * each target's ratio and whether it is met, and writes them with every time to {@code bench/work/results.json} and,
 * as the README's tables, {@code bench/work/results.md} ({@code bench/readme} puts those into the README).
 *
 * <pre>bench/run all [--scale S|M] [--repeat N] [--reuse-data]</pre>
 */
public final class AllBenchmarks {
  private final PrintStream out = System.out;
  private final List<Target> targets = new ArrayList<>();

  /** A target of the benchmarks: a ratio, the bound it must not pass, and the numbers it comes from. */
  record Target(String name, double ratio, double bound, String from) {
    boolean met() {
      return ratio <= bound;
    }
  }

  private AllBenchmarks() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args, 3);
    options.run((catalog, ignored) -> new AllBenchmarks().run(catalog, options));
  }

  private void run(TidemarkCatalog catalog, BenchOptions options) throws Exception {
    try (HeapPeak heap = HeapPeak.start()) {
      run(catalog, options, heap);
    }
  }

  private void run(TidemarkCatalog catalog, BenchOptions options, HeapPeak heap) throws Exception {
    long started = System.nanoTime();
    options.prepare(catalog);
    AggregationBenchmark.Options aggregation = new AggregationBenchmark.Options(options.scale(), options.directory(),
        java.util.EnumSet.of(Formulation.SPARK_WINDOW, Formulation.DUCKDB_WINDOW), 1800, options.repeat(), false,
        true);
    Map<Formulation, Timing> timings = new AggregationBenchmark(catalog, options.directory(), out).run(aggregation);
    long plain = timings.get(Formulation.TIDEMARK).millis();
    Map<Integer, Long> coverage = CoverageBenchmark.run(catalog, options);
    EvolutionBenchmark.Result evolution = EvolutionBenchmark.run(catalog, options);
    IncrementalBenchmark.Result incremental = IncrementalBenchmark.run(catalog, options);

    Timing duckdb = timings.get(Formulation.DUCKDB_BEST);
    Timing floor = timings.get(Formulation.FLOOR);
    Timing rangeJoin = timings.get(Formulation.SPARK_RANGE_JOIN);
    target("plain join (a) / DuckDB's best (d)", plain, duckdb.millis(), 0.7);
    target("plain join (a) / the floor (e)", plain, floor.millis(), 6);
    target("plain join (a) / Spark range join (b)", plain, rangeJoin.millis(), 1.0 / 30);
    target("0 % coverage (row ids, provenance) / plain join (a)", coverage.get(0), plain, 1.15);
    target("100 % coverage / 0 % coverage", coverage.get(100), coverage.get(0), 0.20);
    target("95 % coverage / 0 % coverage", coverage.get(95), coverage.get(0), 0.50);
    target("part-add / full rebuild", evolution.partAddMillis(), evolution.rebuildMillis(), 0.70);
    target("one new day, 10x history / 1x history", incremental.tenHistoriesMillis(),
        incremental.oneHistoryMillis(), 1.2);
    long peakHeap = heap.bytes();
    long maxHeap = Runtime.getRuntime().maxMemory();

    out.println();
    out.printf(Locale.ROOT, "All benchmarks, scale %s, best of %d (%.0f s in all)%n", options.scale(),
        options.repeat(), (System.nanoTime() - started) / 1e9);
    out.printf(Locale.ROOT, "  %-52s %8s %8s  %s%n", "target", "ratio", "bound", "");
    for (Target target : targets) {
      out.printf(Locale.ROOT, "  %-52s %8.3f %8.3f  %s (%s)%n", target.name(), target.ratio(), target.bound(),
          target.met() ? "met" : "MISSED", target.from());
    }
    out.printf(Locale.ROOT, "  peak heap %.2f GB of %.2f GB%n", peakHeap / 1e9, maxHeap / 1e9);

    Path results = options.directory().getParent().resolve("results.json");
    write(results, options, timings, coverage, evolution, incremental, peakHeap, maxHeap);
    Files.writeString(options.directory().getParent().resolve("results.md"),
        markdown(options, timings, coverage, evolution, incremental, peakHeap, maxHeap));
    out.println("Wrote " + results + " and results.md beside it");
  }

  private void target(String name, long numerator, long denominator, double bound) {
    targets.add(new Target(name, (double) numerator / denominator, bound,
        String.format(Locale.ROOT, "%.2f s / %.2f s", numerator / 1000.0, denominator / 1000.0)));
  }

  private void write(Path file, BenchOptions options, Map<Formulation, Timing> timings, Map<Integer, Long> coverage,
      EvolutionBenchmark.Result evolution, IncrementalBenchmark.Result incremental, long peakHeap, long maxHeap)
      throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("scale", options.scale().name());
    root.put("workload", options.scale().describe());
    root.put("repeat", options.repeat());
    root.put("finished", Instant.now().toString());
    root.put("cores", Runtime.getRuntime().availableProcessors());
    ObjectNode seconds = root.putObject("seconds");
    timings.forEach((formulation, timing) -> seconds.put("aggregation_" + formulation.label(),
        timing.millis() / 1000.0));
    coverage.forEach((percent, millis) -> seconds.put("coverage_" + percent, millis / 1000.0));
    seconds.put("part_add", evolution.partAddMillis() / 1000.0);
    seconds.put("rebuild", evolution.rebuildMillis() / 1000.0);
    seconds.put("new_day_1x_history", incremental.oneHistoryMillis() / 1000.0);
    seconds.put("new_day_10x_history", incremental.tenHistoriesMillis() / 1000.0);
    ArrayNode list = root.putArray("targets");
    for (Target target : targets) {
      ObjectNode node = list.addObject();
      node.put("name", target.name());
      node.put("ratio", target.ratio());
      node.put("bound", target.bound());
      node.put("met", target.met());
      node.put("from", target.from());
    }
    root.put("peak_heap_bytes", peakHeap);
    root.put("max_heap_bytes", maxHeap);
    Files.createDirectories(file.getParent());
    Files.writeString(file, mapper.writeValueAsString(root) + "\n");
  }

  /** The README's benchmark tables, from this run's numbers. */
  private String markdown(BenchOptions options, Map<Formulation, Timing> timings, Map<Integer, Long> coverage,
      EvolutionBenchmark.Result evolution, IncrementalBenchmark.Result incremental, long peakHeap, long maxHeap) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "Scale %s (%s), best of %d, seconds, in a heap of %.2f GB (at most %.2f GB "
            + "used at once):%n%n", options.scale(), options.scale().describe(), options.repeat(), maxHeap / 1e9,
        peakHeap / 1e9));
    text.append("| formulation | seconds |\n|---|---|\n");
    timings.forEach((formulation, timing) -> text.append(String.format(Locale.ROOT, "| (%s) %s | %s |%n",
        formulation.label(), formulation.description(), timing.seconds())));
    text.append("\n| coverage | seconds |\n|---|---|\n");
    coverage.forEach((percent, millis) -> text.append(String.format(Locale.ROOT, "| %d %% | %.2f |%n", percent,
        millis / 1000.0)));
    text.append(String.format(Locale.ROOT, "%n| part-add | full rebuild |%n|---|---|%n| %.2f | %.2f |%n",
        evolution.partAddMillis() / 1000.0, evolution.rebuildMillis() / 1000.0));
    text.append(String.format(Locale.ROOT, "%n| one new day, %d days of history | %d days of history |%n"
            + "|---|---|%n| %.2f | %.2f |%n", Workload.DAYS, Workload.DAYS * IncrementalBenchmark.HISTORY_FACTOR,
        incremental.oneHistoryMillis() / 1000.0, incremental.tenHistoriesMillis() / 1000.0));
    text.append("\n| target | ratio | bound | |\n|---|---|---|---|\n");
    for (Target target : targets) {
      text.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %s |%n", target.name(), target.ratio(),
          target.bound(), target.met() ? "met" : "missed"));
    }
    return text.toString();
  }
}
