package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each operator on a few values worked out by hand. */
class OperatorExamplesTest {
  /** Events in time order: 4, 1, 7, 1. */
  private static final List<Object> NUMBERS = List.of(4L, 1L, 7L, 1L);
  private static final InputType LONGS = InputType.scalar(InputKind.INTEGRAL);

  @Test
  void countsSumsAndMeans() {
    assertThat(unwindowed(Operation.COUNT, Map.of(), LONGS, NUMBERS)).isEqualTo(4L);
    assertThat(unwindowed(Operation.SUM, Map.of(), LONGS, NUMBERS)).isEqualTo(13L);
    assertThat(unwindowed(Operation.AVERAGE, Map.of(), LONGS, NUMBERS)).isEqualTo(3.25);
  }

  @Test
  void moments() {
    // mean 3.25; deviations 0.75, -2.25, 3.75, -2.25
    // m2 = 0.5625 + 5.0625 + 14.0625 + 5.0625 = 24.75
    // m3 = 0.421875 - 11.390625 + 52.734375 - 11.390625 = 30.375
    // m4 = 0.31640625 + 25.62890625 + 197.75390625 + 25.62890625 = 249.328125
    assertThat((Double) unwindowed(Operation.VARIANCE, Map.of(), LONGS, NUMBERS)).isCloseTo(24.75 / 4, within(1e-12));
    assertThat((Double) unwindowed(Operation.SKEW, Map.of(), LONGS, NUMBERS))
        .isCloseTo(Math.sqrt(4) * 30.375 / Math.pow(24.75, 1.5), within(1e-12));
    assertThat((Double) unwindowed(Operation.KURTOSIS, Map.of(), LONGS, NUMBERS))
        .isCloseTo(4 * 249.328125 / (24.75 * 24.75) - 3, within(1e-12));
    assertThat(unwindowed(Operation.SKEW, Map.of(), LONGS, List.of(4L, 1L))).isNull();
    assertThat(unwindowed(Operation.KURTOSIS, Map.of(), LONGS, List.of(2L, 2L, 2L, 2L))).isNull();
    assertThat(unwindowed(Operation.VARIANCE, Map.of(), LONGS, List.of(5L))).isEqualTo(0.0);
  }

  @Test
  void extremesAndOrderedLists() {
    assertThat(unwindowed(Operation.MIN, Map.of(), LONGS, NUMBERS)).isEqualTo(1L);
    assertThat(unwindowed(Operation.MAX, Map.of(), LONGS, NUMBERS)).isEqualTo(7L);
    assertThat(unwindowed(Operation.TOP_K, Map.of("k", "2"), LONGS, NUMBERS)).isEqualTo(List.of(7L, 4L));
    assertThat(unwindowed(Operation.BOTTOM_K, Map.of("k", "3"), LONGS, NUMBERS)).isEqualTo(List.of(1L, 1L, 4L));
    assertThat(unwindowed(Operation.FIRST, Map.of(), LONGS, NUMBERS)).isEqualTo(4L);
    assertThat(unwindowed(Operation.LAST, Map.of(), LONGS, NUMBERS)).isEqualTo(1L);
    assertThat(unwindowed(Operation.FIRST_K, Map.of("k", "2"), LONGS, NUMBERS)).isEqualTo(List.of(4L, 1L));
    assertThat(unwindowed(Operation.LAST_K, Map.of("k", "3"), LONGS, NUMBERS)).isEqualTo(List.of(1L, 7L, 1L));
  }

  @Test
  void distinctCountsAndDistributions() {
    assertThat(unwindowed(Operation.UNIQUE_COUNT, Map.of(), LONGS, NUMBERS)).isEqualTo(3L);
    assertThat(unwindowed(Operation.BOUNDED_UNIQUE_COUNT, Map.of("k", "2"), LONGS, NUMBERS)).isEqualTo(2L);
    assertThat(unwindowed(Operation.APPROX_UNIQUE_COUNT, Map.of(), LONGS, NUMBERS)).isEqualTo(3L);
    // Sorted 1, 1, 4, 7: rank 0.5 is position floor(0.5 * 4) = 2, the 4; rank 1 is the largest.
    assertThat(unwindowed(Operation.APPROX_PERCENTILE, Map.of("percentiles", "[0.5, 1]"), LONGS, NUMBERS))
        .isEqualTo(List.of(4.0f, 7.0f));
    List<Object> words = List.of("b", "a", "c", "a");
    InputType strings = InputType.scalar(InputKind.STRING);
    assertThat(unwindowed(Operation.HISTOGRAM, Map.of(), strings, words)).isEqualTo(Map.of("a", 2, "b", 1, "c", 1));
    // Keeping one: a (2) beats b and c (1 each).
    assertThat(unwindowed(Operation.HISTOGRAM, Map.of("k", "1"), strings, words)).isEqualTo(Map.of("a", 2));
    // Keeping two: b and c tie at 1; the tie goes to the smaller string, b.
    assertThat(unwindowed(Operation.HISTOGRAM, Map.of("k", "2"), strings, words)).isEqualTo(Map.of("a", 2, "b", 1));
    assertThat(unwindowed(Operation.APPROX_HISTOGRAM_K, Map.of(), LONGS, NUMBERS))
        .isEqualTo(Map.of("4", 1L, "1", 2L, "7", 1L));
  }

  @Test
  void approxHistogramKeepsTheHeavyHittersOnceItOutgrowsK() {
    ColumnAggregator histogram = aggregator(Operation.APPROX_HISTOGRAM_K, Map.of("k", "8"), null, LONGS);
    long sequence = 0;
    for (int i = 0; i < 1000; i++) {
      histogram.add(sequence++, 1L);
      histogram.add(sequence++, 2L);
      histogram.add(sequence++, 2L);
      histogram.add(sequence++, (long) (3 + i));
    }
    // Two heavy values (2000 and 1000 of 4000) among a thousand singletons, past k = 8 distinct values: the sketch
    // reports the heavy two, most frequent first, and no singleton. Its estimates are upper bounds, off by at most
    // its a-priori error 3.5 n / mapSize = 3.5 * 4000 / 8 = 1750.
    @SuppressWarnings("unchecked")
    Map<String, Long> top = (Map<String, Long>) histogram.result();
    assertThat(top.keySet()).containsExactly("2", "1");
    assertThat(top.get("2")).isBetween(2000L, 2000L + 1750L);
    assertThat(top.get("1")).isBetween(1000L, 1000L + 1750L);
  }

  @Test
  void aWindowedFloatingSumDoesNotDriftOverALongHistory() {
    ColumnAggregator sum = aggregator(Operation.SUM, Map.of(), Window.hours(1), InputType.scalar(InputKind.FLOATING));
    Random random = new Random(7);
    double[] values = new double[200_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(3) == 0 ? 1e12 * random.nextDouble() : random.nextDouble() / 1000;
      sum.add(i, values[i]);
      if (i >= 10) {
        sum.remove(i - 10, values[i - 10]);
      }
    }
    BigDecimal exact = BigDecimal.ZERO;
    for (int i = values.length - 10; i < values.length; i++) {
      exact = exact.add(new BigDecimal(values[i]));
    }
    assertThat((Double) sum.result()).isCloseTo(exact.doubleValue(), within(Math.ulp(exact.doubleValue()) * 4));
  }

  private static Object unwindowed(Operation operation, Map<String, String> arguments, InputType type,
      List<Object> values) {
    ColumnAggregator aggregator = aggregator(operation, arguments, null, type);
    for (int i = 0; i < values.size(); i++) {
      aggregator.add(i, values.get(i));
    }
    return aggregator.result();
  }

  private static ColumnAggregator aggregator(Operation operation, Map<String, String> arguments, Window window,
      InputType type) {
    AggregationPart part = new AggregationPart("x", operation, arguments, window);
    return Operators.create(part, Operators.plan(part, type), window == null ? Eviction.NONE : Eviction.OLDEST_FIRST);
  }
}
