package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import org.assertj.core.data.Offset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every operator against an obviously correct computation written here: for each query, filter the events inside the
 * window and aggregate them directly. Times fall on a 30-minute grid and windows are multiples of it, so events sit
 * exactly on window edges and share timestamps with queries.
 */
class OperatorsBruteForceTest {
  private static final long HALF_HOUR = 1_800_000L;
  private static final List<Window> WINDOWS = Arrays.asList(Window.hours(1), Window.hours(5), Window.days(1), null);
  private static final double[] RANKS = {0, 0.25, 0.5, 0.99, 1};

  private record Event(long time, Object value, String bucket) {}

  @Test
  void everyOperatorOverLongs() {
    check(InputType.scalar(InputKind.INTEGRAL), random -> RandomInputs.longBelow(random, 20),
        List.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.VARIANCE, Operation.SKEW,
            Operation.KURTOSIS, Operation.MIN, Operation.MAX, Operation.TOP_K, Operation.BOTTOM_K, Operation.FIRST,
            Operation.LAST, Operation.FIRST_K, Operation.LAST_K, Operation.UNIQUE_COUNT,
            Operation.BOUNDED_UNIQUE_COUNT, Operation.APPROX_UNIQUE_COUNT, Operation.APPROX_PERCENTILE,
            Operation.APPROX_HISTOGRAM_K), false);
  }

  @Test
  void everyNumericOperatorOverDoublesWithNaN() {
    check(InputType.scalar(InputKind.FLOATING), random -> switch (random.nextInt(10)) {
      case 0 -> null;
      case 1 -> Double.NaN;
      default -> random.nextInt(40) / 4.0 - 3;
    }, List.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.VARIANCE, Operation.MIN, Operation.MAX,
        Operation.TOP_K, Operation.BOTTOM_K, Operation.UNIQUE_COUNT, Operation.APPROX_PERCENTILE), false);
  }

  @Test
  void everyOperatorOverStrings() {
    check(InputType.scalar(InputKind.STRING), RandomInputs::string,
        List.of(Operation.COUNT, Operation.MIN, Operation.MAX, Operation.TOP_K, Operation.BOTTOM_K, Operation.FIRST,
            Operation.LAST, Operation.FIRST_K, Operation.LAST_K, Operation.UNIQUE_COUNT,
            Operation.BOUNDED_UNIQUE_COUNT, Operation.HISTOGRAM, Operation.APPROX_HISTOGRAM_K), false);
  }

  @Test
  void bucketsSplitEveryOperatorAndIgnoreNullBuckets() {
    check(InputType.scalar(InputKind.INTEGRAL), random -> RandomInputs.longBelow(random, 20),
        List.of(Operation.COUNT, Operation.SUM, Operation.MAX, Operation.LAST_K, Operation.VARIANCE,
            Operation.UNIQUE_COUNT), true);
  }

  @Test
  void listInputsAreFlattenedExceptForTimedOperations() {
    check(new InputType(Container.LIST, InputKind.INTEGRAL), RandomInputs::longList,
        List.of(Operation.COUNT, Operation.SUM, Operation.MIN, Operation.TOP_K, Operation.UNIQUE_COUNT,
            Operation.LAST_K, Operation.FIRST), false);
  }

  @Test
  void mapInputsAreAggregatedPerKey() {
    check(new InputType(Container.STRING_MAP, InputKind.INTEGRAL), RandomInputs::longMap,
        List.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.MAX, Operation.BOTTOM_K), false);
  }

  private void check(InputType type, Function<Random, Object> values, List<Operation> operations, boolean bucketed) {
    List<AggregationPart> parts = RandomInputs.parts(operations, WINDOWS, bucketed, OperatorsBruteForceTest::arguments);
    Map<String, InputType> inputs = RandomInputs.inputs(type);
    PointInTimeSweep sweep = new PointInTimeSweep(parts, inputs, Deletes.NONE);
    Random random = new Random(31 * operations.hashCode() + (bucketed ? 1 : 0));
    for (int key = 0; key < 40; key++) {
      List<Event> events = new ArrayList<>();
      List<Long> queries = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        long time = random.nextInt(3 * 48) * HALF_HOUR;
        if (random.nextInt(3) == 0) {
          queries.add(time);
        } else {
          String bucket = random.nextInt(5) == 0 ? null : random.nextBoolean() ? "a" : "z";
          events.add(new Event(time, values.apply(random), bucket));
        }
      }
      events.sort(Comparator.comparingLong(Event::time));
      queries.sort(Long::compare);
      sweep.reset();
      int next = 0;
      for (long query : queries) {
        while (next < events.size() && events.get(next).time() < query) {
          sweep.addEvent(events.get(next).time(), new Object[] {events.get(next).value(), events.get(next).bucket()});
          next++;
        }
        Object[] actual = sweep.query(query);
        for (int p = 0; p < parts.size(); p++) {
          AggregationPart part = parts.get(p);
          long from = part.window() == null ? Long.MIN_VALUE : query - part.window().millis();
          List<Event> inWindow = events.stream().filter(e -> e.time() >= from && e.time() < query).toList();
          Object expected = bucketed ? byBucket(part, type, inWindow) : expected(part, type, inWindow);
          assertSame(actual[p], expected, "key " + key + ", query " + query + ", " + part);
        }
      }
    }
  }

  private static Object byBucket(AggregationPart part, InputType type, List<Event> events) {
    Map<String, List<Event>> buckets = new TreeMap<>();
    for (Event event : events) {
      if (event.bucket() != null && event.value() != null) {
        buckets.computeIfAbsent(event.bucket(), ignored -> new ArrayList<>()).add(event);
      }
    }
    if (buckets.isEmpty()) {
      return null;
    }
    Map<String, Object> results = new TreeMap<>();
    buckets.forEach((bucket, inBucket) -> {
      Object result = expected(part, type, inBucket);
      if (result != null) {
        results.put(bucket, result);
      }
    });
    return results;
  }

  /** The operation over the events' values, computed directly. */
  private static Object expected(AggregationPart part, InputType type, List<Event> events) {
    if (type.container() == Container.STRING_MAP && !Operators.isTimed(part.operation())) {
      if (events.stream().noneMatch(event -> event.value() != null)) {
        return null;
      }
      Map<String, List<Object>> perKey = new TreeMap<>();
      for (Event event : events) {
        if (event.value() != null) {
          ((Map<?, ?>) event.value()).forEach((key, value) -> {
            if (value != null) {
              perKey.computeIfAbsent((String) key, ignored -> new ArrayList<>()).add(value);
            }
          });
        }
      }
      Map<String, Object> results = new TreeMap<>();
      perKey.forEach((key, values) -> results.put(key, aggregate(part, values)));
      return results;
    }
    List<Object> values = new ArrayList<>();
    for (Event event : events) {
      if (event.value() == null) {
        continue;
      }
      if (type.container() == Container.LIST && !Operators.isTimed(part.operation())) {
        ((List<?>) event.value()).stream().filter(element -> element != null).forEach(values::add);
      } else {
        values.add(event.value());
      }
    }
    return values.isEmpty() ? null : aggregate(part, values);
  }

  private static Object aggregate(AggregationPart part, List<Object> values) {
    int k = part.operation().isSizedByK() || part.operation() == Operation.BOUNDED_UNIQUE_COUNT ? part.k() : 0;
    List<Object> sorted = new ArrayList<>(values);
    if (values.get(0) instanceof Comparable<?>) {
      sorted.sort(Values.NATURAL);
    }
    return switch (part.operation()) {
      case COUNT -> (long) values.size();
      case SUM -> values.get(0) instanceof Double
          ? sane(values.stream().mapToDouble(v -> (Double) v).sum())
          : values.stream().mapToLong(v -> (Long) v).sum();
      case AVERAGE -> sane(values.stream().mapToDouble(v -> ((Number) v).doubleValue()).average().orElseThrow());
      case VARIANCE, SKEW, KURTOSIS -> moment(part.operation(), values);
      case MIN -> sane(sorted.get(0));
      case MAX -> sane(sorted.get(sorted.size() - 1));
      case TOP_K -> reversed(sorted).subList(0, Math.min(k, sorted.size()));
      case BOTTOM_K -> sorted.subList(0, Math.min(k, sorted.size()));
      case FIRST -> values.get(0);
      case LAST -> values.get(values.size() - 1);
      case FIRST_K -> values.subList(0, Math.min(k, values.size()));
      case LAST_K -> reversed(values).subList(0, Math.min(k, values.size()));
      case UNIQUE_COUNT -> (long) new HashSet<>(values).size();
      case BOUNDED_UNIQUE_COUNT -> (long) Math.min(new HashSet<>(values).size(), k);
      case APPROX_UNIQUE_COUNT -> new Approximately((long) new HashSet<>(values).size());
      case APPROX_PERCENTILE -> percentiles(values);
      case HISTOGRAM -> {
        Map<String, Integer> counts = new HashMap<>();
        values.forEach(v -> counts.merge((String) v, 1, Integer::sum));
        yield counts;
      }
      case APPROX_HISTOGRAM_K -> {
        Map<String, Long> counts = new HashMap<>();
        values.forEach(v -> counts.merge(String.valueOf(v), 1L, Long::sum));
        yield counts;
      }
    };
  }

  /** Two-pass central moments; NULL where the statistic is undefined. */
  private static Object moment(Operation operation, List<Object> values) {
    double n = values.size();
    double mean = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum() / n;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (Object value : values) {
      double d = ((Number) value).doubleValue() - mean;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
    }
    return switch (operation) {
      case VARIANCE -> sane(m2 / n);
      case SKEW -> n < 3 || m2 == 0 ? null : sane(Math.sqrt(n) * m3 / Math.pow(m2, 1.5));
      default -> n < 4 || m2 == 0 ? null : sane(n * m4 / (m2 * m2) - 3);
    };
  }

  /** While KLL is exact, rank r of n sorted values is the one at min(floor(r n), n - 1); NaN is not counted. */
  private static Object percentiles(List<Object> values) {
    List<Float> floats = new ArrayList<>();
    values.forEach(v -> floats.add(((Number) v).floatValue()));
    floats.removeIf(f -> f.isNaN());
    if (floats.isEmpty()) {
      return null;
    }
    floats.sort(Float::compare);
    List<Float> quantiles = new ArrayList<>();
    for (double rank : RANKS) {
      quantiles.add(floats.get((int) Math.min(Math.floor(rank * floats.size()), floats.size() - 1)));
    }
    return quantiles;
  }

  private static Map<String, String> arguments(Operation operation) {
    return switch (operation) {
      case TOP_K, BOTTOM_K, FIRST_K, LAST_K -> Map.of("k", "3");
      case BOUNDED_UNIQUE_COUNT -> Map.of("k", "4");
      case APPROX_PERCENTILE -> Map.of("k", "400", "percentiles", "[0, 0.25, 0.5, 0.99, 1]");
      case APPROX_HISTOGRAM_K -> Map.of("k", "30");
      default -> Map.of();
    };
  }

  private static void assertSame(Object actual, Object expected, String what) {
    if (expected instanceof Approximately approximately) {
      assertThat((Long) actual).as(what).isBetween(approximately.exact() - 1, approximately.exact() + 1);
    } else if (expected instanceof Double number && actual instanceof Double) {
      assertThat((Double) actual).as(what).isCloseTo(number, Offset.offset(1e-9 * (1 + Math.abs(number))));
    } else if (expected instanceof Map<?, ?> map && actual instanceof Map<?, ?> actualMap && !map.isEmpty()
        && map.values().iterator().next() instanceof Double) {
      assertThat(actualMap.keySet()).as(what).isEqualTo(map.keySet());
      map.forEach((key, value) -> assertSame(actualMap.get(key), value, what + " [" + key + "]"));
    } else {
      assertThat(actual).as(what).isEqualTo(expected);
    }
  }

  private record Approximately(long exact) {}

  private static Object sane(Object value) {
    return value instanceof Double number && !Double.isFinite(number) ? null : value;
  }

  private static List<Object> reversed(List<Object> values) {
    List<Object> reversed = new ArrayList<>(values);
    Collections.reverse(reversed);
    return reversed;
  }
}
