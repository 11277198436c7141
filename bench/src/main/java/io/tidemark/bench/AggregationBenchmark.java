package io.tidemark.bench;

import static org.apache.spark.sql.functions.col;

import io.tidemark.catalog.EmbeddedCatalogConfig;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.SparkSessions;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Times Tidemark's point-in-time join against a Spark SQL range join, Spark SQL window functions and DuckDB on one
 * generated workload (SUM and COUNT over 1h/1d/7d/30d and MAX over 7d, exact windows {@code q - W <= ts < q}), with
 * the cost of just reading the inputs and writing an output as the floor. Outputs are first checked to be identical.
 *
 * <pre>bench/run [--scale XS|S|M] [--dir DIR] [--skip b,c] [--timeout-seconds N] [--repeat N] [--verify]
 *     [--reuse-data]</pre>
 */
public final class AggregationBenchmark {
  private final TidemarkCatalog catalog;
  private final Formulations formulations;
  private final PrintStream out;

  AggregationBenchmark(TidemarkCatalog catalog, Path directory, PrintStream out) {
    this.catalog = catalog;
    this.formulations = new Formulations(catalog, directory);
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(options.directory().resolve("warehouse"));
    TidemarkCatalog catalog = new TidemarkCatalog(SparkSessions.create(config, "local[*]", Map.of()), config);
    try {
      new AggregationBenchmark(catalog, options.directory(), System.out).run(options);
    } finally {
      catalog.spark().stop();
    }
  }

  /** Generates the workload, checks the outputs agree (when asked), times every formulation and prints a report. */
  Map<Formulation, Timing> run(Options options) throws Exception {
    out.println("Tidemark aggregation benchmark, scale " + options.scale().describe());
    out.println("Features: SUM and COUNT over 1h/1d/7d/30d and MAX over 7d, exact windows q - W <= ts < q");
    if (!options.reuseData() || !Files.isDirectory(formulations.data())) {
      Workload.generate(catalog.spark(), options.scale(), formulations.data());
      formulations.loadIcebergTables();
    }
    Set<Formulation> chosen = EnumSet.allOf(Formulation.class);
    chosen.removeAll(options.skipped());
    // Spark's first jobs pay for class loading and JIT; a warm-up run of the floor keeps that out of every timing.
    formulations.run(Formulation.FLOOR);
    Map<Formulation, Timing> timings = new EnumMap<>(Formulation.class);
    for (Formulation formulation : chosen) {
      Timing best = null;
      RunProfile bestProfile = null;
      // The first run of a formulation in this JVM pays for JIT compilation, so the best of several runs is kept;
      // one run is enough for a formulation that takes minutes.
      for (int i = 0; i < options.repeat() && (best == null || best.finished() && best.millis() < 120_000); i++) {
        Timing timing = timed(formulation, options.timeoutSeconds());
        if (best == null || !timing.finished() || timing.millis() < best.millis()) {
          best = timing;
          bestProfile = formulation == Formulation.TIDEMARK ? formulations.lastProfile() : null;
        }
      }
      timings.put(formulation, best);
      out.printf(Locale.ROOT, "  ran (%s) in %s s%n", formulation.label(), best.seconds());
      if (bestProfile != null) {
        out.println("  Where (a) spent its time (best run):");
        out.print(bestProfile.describe());
      }
    }
    if (options.verify()) {
      verify(chosen, timings);
    }
    report(timings);
    return timings;
  }

  private Timing timed(Formulation formulation, long timeoutSeconds) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      long started = System.nanoTime();
      Future<?> run = executor.submit(() -> {
        formulations.run(formulation);
        return null;
      });
      try {
        run.get(timeoutSeconds, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        formulations.cancel();
        run.cancel(true);
        return Timing.timedOut(timeoutSeconds * 1000);
      }
      return Timing.finished((System.nanoTime() - started) / 1_000_000);
    } finally {
      executor.shutdownNow();
    }
  }

  /** Every finished formulation must give the same rows as the first one. */
  private void verify(Set<Formulation> chosen, Map<Formulation, Timing> timings) {
    List<Formulation> compared = new ArrayList<>();
    for (Formulation formulation : chosen) {
      if (formulation != Formulation.FLOOR && timings.get(formulation).finished()) {
        compared.add(formulation);
      }
    }
    Dataset<Row> reference = formulations.output(compared.get(0)).orderBy(col("row_id"));
    long rows = reference.count();
    for (Formulation formulation : compared.subList(1, compared.size())) {
      Dataset<Row> other = formulations.output(formulation);
      long missing = reference.exceptAll(other).count();
      long extra = other.exceptAll(reference).count();
      if (missing != 0 || extra != 0) {
        throw new IllegalStateException(String.format(Locale.ROOT, "(%s) and (%s) differ: %,d rows only in (%s), "
                + "%,d only in (%s)", compared.get(0).label(), formulation.label(), missing, compared.get(0).label(),
            extra, formulation.label()));
      }
    }
    out.printf(Locale.ROOT, "Correctness: %s give identical rows (%,d rows each)%n",
        String.join(", ", compared.stream().map(f -> "(" + f.label() + ")").toList()), rows);
  }

  private void report(Map<Formulation, Timing> timings) {
    Timing floor = timings.get(Formulation.FLOOR);
    Timing rangeJoin = timings.get(Formulation.SPARK_RANGE_JOIN);
    out.println();
    out.printf(Locale.ROOT, "  %-5s %-60s %9s %9s %9s%n", "", "formulation", "seconds", "x floor", "(b)/this");
    timings.forEach((formulation, timing) -> out.printf(Locale.ROOT, "  %-5s %-60s %9s %9s %9s%n",
        "(" + formulation.label() + ")", formulation.description(), timing.seconds(),
        floor == null ? "-" : timing.over(floor), rangeJoin == null ? "-" : rangeJoin.over(timing)));
    Timing tidemark = timings.get(Formulation.TIDEMARK);
    Timing duckdb = timings.get(Formulation.DUCKDB_BEST);
    if (tidemark == null) {
      return;
    }
    out.println();
    out.println("Targets (set for scale M):");
    out.println("  (a) within 6x of the floor (e): " + (floor == null ? "not measured"
        : verdict(tidemark.finished() && tidemark.millis() <= 6 * floor.millis()) + " (" + tidemark.over(floor) + "x)"));
    out.println("  (a) at least 30x faster than (b): " + (rangeJoin == null ? "not measured"
        : verdict(tidemark.finished() && rangeJoin.millis() >= 30 * tidemark.millis()) + " ("
            + rangeJoin.over(tidemark) + "x)"));
    out.println("  (a) at most 0.7x DuckDB's best (d): " + (duckdb == null ? "not measured"
        : verdict(tidemark.finished() && tidemark.millis() <= 0.7 * duckdb.millis()) + " (" + tidemark.over(duckdb)
            + "x)"));
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  /** Command-line options of the benchmark. */
  record Options(Scale scale, Path directory, Set<Formulation> skipped, long timeoutSeconds, int repeat,
      boolean verify, boolean reuseData) {
    static Options parse(String[] args) {
      Scale scale = Scale.S;
      Path directory = null;
      Set<Formulation> skipped = EnumSet.noneOf(Formulation.class);
      long timeout = 1800;
      int repeat = 3;
      Boolean verify = null;
      boolean reuseData = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--scale" -> scale = Scale.valueOf(args[++i].toUpperCase(Locale.ROOT));
          case "--dir" -> directory = Path.of(args[++i]);
          case "--skip" -> {
            for (String label : args[++i].split(",")) {
              skipped.add(EnumSet.allOf(Formulation.class).stream().filter(f -> f.label().equals(label.trim()))
                  .findFirst().orElseThrow(() -> new IllegalArgumentException("Unknown formulation " + label)));
            }
          }
          case "--timeout-seconds" -> timeout = Long.parseLong(args[++i]);
          case "--repeat" -> repeat = Integer.parseInt(args[++i]);
          case "--verify" -> verify = true;
          case "--reuse-data" -> reuseData = true;
          default -> throw new IllegalArgumentException("Unknown option " + args[i]
              + "; use --scale XS|S|M, --dir DIR, --skip b,c, --timeout-seconds N, --repeat N, --verify, "
              + "--reuse-data");
        }
      }
      Path dir = directory != null ? directory : Path.of("bench", "work", scale.name());
      // Outputs are compared at XS and S; at M only when asked, as it reads every output again.
      boolean check = verify != null ? verify : scale != Scale.M;
      return new Options(scale, dir.toAbsolutePath(), skipped, timeout, repeat, check, reuseData);
    }
  }
}
