package io.tidemark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's formulations at the smallest scale: every one finishes and gives the same rows. Times are printed,
 * not asserted; they are measured by running the benchmark, not by tests.
 */
class AggregationBenchmarkTest {
  @TempDir
  Path directory;

  @Test
  void everyFormulationGivesTheSameRows() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    AggregationBenchmark benchmark = new AggregationBenchmark(SharedSpark.catalog(), directory,
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    Map<Formulation, Timing> timings = benchmark.run(
        AggregationBenchmark.Options.parse(new String[] {"--scale", "XS", "--dir", directory.toString()}));

    assertThat(timings).containsOnlyKeys(Formulation.values());
    assertThat(timings.values()).allMatch(Timing::finished);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Correctness: (a), (b), (c), (d), (d') give identical rows (10,000 rows each)");
  }

  @Test
  void windowFormulationsCountOnlyEarlierEventsInsideTheWindow() {
    assertThat(Formulations.windowSql("e", "q")).contains(
        "NULLIF(COUNT(amount) OVER (PARTITION BY key ORDER BY ts RANGE BETWEEN 3600000 PRECEDING AND 1 PRECEDING), 0)"
            + " AS count_1h");
    assertThat(Formulations.rangeJoinSql("e", "q")).contains(
        "ON e.key = q.key AND e.ts < q.ts AND e.ts >= q.ts - 2592000000");
  }
}
