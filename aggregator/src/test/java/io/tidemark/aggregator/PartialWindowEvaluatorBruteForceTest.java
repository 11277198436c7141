package io.tidemark.aggregator;

import static io.tidemark.aggregator.SweepComparison.assertSame;
import static io.tidemark.aggregator.SweepComparison.sweep;

import io.tidemark.aggregator.SweepComparison.Event;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every operator, through the sweep over all raw events and through the daily partial aggregates, on random streams:
 * the two must agree for windows of hours (shorter and longer than a day) and days, and unwindowed. Times fall mostly
 * on a 30-minute grid, so events and windows meet at midnight, with some a millisecond either side of it. The partials
 * path is fed twice: only what {@link PartialNeeds} lists, and every day's partials with every raw event.
 *
 * <p>Sketches are kept where they are exact (fewer values than APPROX_PERCENTILE's k, fewer distinct values than
 * APPROX_HISTOGRAM_K's k): past that, the sketches answer within their error bounds but not necessarily as the sweep,
 * which merges them in another order.
 */
class PartialWindowEvaluatorBruteForceTest {
  private static final long HALF_HOUR = 1_800_000L;
  private static final long DAY = PartitionDates.DAY_MILLIS;
  private static final long ORIGIN = PartitionDates.startMillis("2024-02-27");
  private static final int DAYS = 6;
  private static final List<Window> WINDOWS = Arrays.asList(Window.hours(1), Window.hours(5), Window.hours(25),
      Window.hours(36), Window.days(1), Window.days(2), Window.days(4), null);
  /** About 17 events a key and day. */
  private static final Streams SPREAD = new Streams(16, 150);
  /** About 450 events a key and day: a window's start cuts its day's events into some 20 blocks. */
  private static final Streams HOT = new Streams(3, 4000);

  /** How many keys a check streams, and how many events and queries (together) each key has over the days. */
  private record Streams(int keys, int inputsPerKey) {}

  @Test
  void everyOperatorOverLongs() {
    check(InputType.scalar(InputKind.INTEGRAL), random -> RandomInputs.longBelow(random, 20),
        List.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.VARIANCE, Operation.SKEW,
            Operation.KURTOSIS, Operation.MIN, Operation.MAX, Operation.TOP_K, Operation.BOTTOM_K, Operation.FIRST,
            Operation.LAST, Operation.FIRST_K, Operation.LAST_K, Operation.UNIQUE_COUNT,
            Operation.BOUNDED_UNIQUE_COUNT, Operation.APPROX_UNIQUE_COUNT, Operation.APPROX_PERCENTILE,
            Operation.APPROX_HISTOGRAM_K), false);
  }

  /**
   * Hot keys, whose queries start their windows in every block of a day's events. Sketches that are exact only below
   * their k are left out: these keys have more values than that.
   */
  @Test
  void hotKeysWithHundredsOfEventsADay() {
    check(InputType.scalar(InputKind.INTEGRAL), random -> RandomInputs.longBelow(random, 20),
        List.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.VARIANCE, Operation.MIN, Operation.MAX,
            Operation.TOP_K, Operation.FIRST, Operation.LAST, Operation.FIRST_K, Operation.LAST_K,
            Operation.UNIQUE_COUNT, Operation.BOUNDED_UNIQUE_COUNT, Operation.APPROX_UNIQUE_COUNT), false, HOT);
    check(InputType.scalar(InputKind.FLOATING), random -> random.nextInt(9) == 0 ? null : random.nextInt(4000) / 7.0,
        List.of(Operation.SUM, Operation.AVERAGE, Operation.SKEW, Operation.BOTTOM_K, Operation.LAST), true, HOT);
  }

  @Test
  void everyNumericOperatorOverDoublesWithNaNAndInfinity() {
    check(InputType.scalar(InputKind.FLOATING), random -> switch (random.nextInt(12)) {
      case 0 -> null;
      case 1 -> Double.NaN;
      case 2 -> Double.POSITIVE_INFINITY;
      default -> random.nextInt(4000) / 7.0 - 300;
    }, List.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.VARIANCE, Operation.SKEW,
        Operation.KURTOSIS, Operation.MIN, Operation.MAX, Operation.TOP_K, Operation.BOTTOM_K, Operation.FIRST,
        Operation.LAST_K, Operation.UNIQUE_COUNT, Operation.APPROX_UNIQUE_COUNT, Operation.APPROX_PERCENTILE), false);
  }

  @Test
  void everyOperatorOverStrings() {
    check(InputType.scalar(InputKind.STRING), RandomInputs::string,
        List.of(Operation.COUNT, Operation.MIN, Operation.MAX, Operation.TOP_K, Operation.BOTTOM_K, Operation.FIRST,
            Operation.LAST, Operation.FIRST_K, Operation.LAST_K, Operation.UNIQUE_COUNT,
            Operation.BOUNDED_UNIQUE_COUNT, Operation.APPROX_UNIQUE_COUNT, Operation.HISTOGRAM,
            Operation.APPROX_HISTOGRAM_K), false);
  }

  @Test
  void intsFloatsBooleansDecimalsAndBinaryKeepTheirTypes() {
    check(InputType.scalar(InputKind.INTEGRAL), random -> random.nextInt(6) == 0 ? null : random.nextInt(30) - 10,
        List.of(Operation.SUM, Operation.MIN, Operation.TOP_K, Operation.LAST, Operation.UNIQUE_COUNT), false);
    check(InputType.scalar(InputKind.FLOATING), random -> random.nextInt(6) == 0 ? null : random.nextInt(30) / 8f,
        List.of(Operation.SUM, Operation.MAX, Operation.BOTTOM_K, Operation.FIRST_K, Operation.APPROX_PERCENTILE),
        false);
    check(InputType.scalar(InputKind.BOOLEAN), random -> random.nextInt(6) == 0 ? null : random.nextBoolean(),
        List.of(Operation.COUNT, Operation.SUM, Operation.LAST_K), false);
    check(InputType.scalar(InputKind.DECIMAL),
        random -> random.nextInt(6) == 0 ? null : new BigDecimal(random.nextInt(100_000)).movePointLeft(2),
        List.of(Operation.COUNT, Operation.FIRST, Operation.LAST_K), false);
    check(InputType.scalar(InputKind.BINARY),
        random -> random.nextInt(6) == 0 ? null : new byte[] {(byte) random.nextInt(5), (byte) random.nextInt(2)},
        List.of(Operation.COUNT, Operation.UNIQUE_COUNT, Operation.BOUNDED_UNIQUE_COUNT,
            Operation.APPROX_UNIQUE_COUNT), false);
  }

  @Test
  void bucketsSplitEveryOperator() {
    check(InputType.scalar(InputKind.INTEGRAL), random -> RandomInputs.longBelow(random, 20),
        List.of(Operation.COUNT, Operation.SUM, Operation.MAX, Operation.FIRST, Operation.LAST_K, Operation.VARIANCE,
            Operation.UNIQUE_COUNT, Operation.APPROX_PERCENTILE, Operation.APPROX_HISTOGRAM_K), true);
  }

  @Test
  void listInputsAreFlattenedExceptForTimedOperations() {
    check(new InputType(Container.LIST, InputKind.INTEGRAL), RandomInputs::longList,
        List.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.MIN, Operation.TOP_K,
            Operation.UNIQUE_COUNT, Operation.KURTOSIS, Operation.LAST_K, Operation.FIRST), false);
  }

  @Test
  void bucketedListInputs() {
    check(new InputType(Container.LIST, InputKind.STRING), random -> {
      if (random.nextInt(6) == 0) {
        return null;
      }
      List<Object> list = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        list.add(random.nextInt(5) == 0 ? null : "v" + random.nextInt(6));
      }
      return list;
    }, List.of(Operation.COUNT, Operation.HISTOGRAM, Operation.BOTTOM_K, Operation.FIRST_K), true);
  }

  @Test
  void mapInputsAreAggregatedPerKey() {
    check(new InputType(Container.STRING_MAP, InputKind.INTEGRAL), RandomInputs::longMap,
        List.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.MAX, Operation.BOTTOM_K,
            Operation.UNIQUE_COUNT, Operation.APPROX_UNIQUE_COUNT, Operation.LAST, Operation.FIRST_K), false);
  }

  private void check(InputType type, Function<Random, Object> values, List<Operation> operations, boolean bucketed) {
    check(type, values, operations, bucketed, SPREAD);
  }

  private void check(InputType type, Function<Random, Object> values, List<Operation> operations, boolean bucketed,
      Streams streams) {
    List<AggregationPart> parts =
        RandomInputs.parts(operations, WINDOWS, bucketed, PartialWindowEvaluatorBruteForceTest::arguments);
    Map<String, InputType> inputs = RandomInputs.inputs(type);
    PointInTimeSweep sweep = new PointInTimeSweep(parts, inputs, Deletes.NONE);
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(parts, inputs);
    DayPartialBuilder builder = new DayPartialBuilder(evaluator.columns());
    Random random = new Random(31 * operations.hashCode() + type.hashCode() + (bucketed ? 1 : 0));
    for (int key = 0; key < streams.keys(); key++) {
      List<Event> events = new ArrayList<>();
      List<Long> queries = new ArrayList<>();
      for (int i = 0; i < streams.inputsPerKey(); i++) {
        long time = ORIGIN + random.nextInt(DAYS * 48) * HALF_HOUR + switch (random.nextInt(8)) {
          case 0 -> 1;
          case 1 -> -1;
          default -> 0;
        };
        if (random.nextInt(3) == 0) {
          queries.add(time);
        } else {
          String bucket = random.nextInt(5) == 0 ? null : random.nextBoolean() ? "a" : "z";
          events.add(new Event(time, values.apply(random), bucket));
        }
      }
      events.sort(Comparator.comparingLong(Event::time));
      queries.sort(Long::compare);
      if (queries.isEmpty()) {
        continue;
      }
      List<Object[]> expected = sweep(sweep, events, queries);
      Map<String, byte[][]> partials = dayPartials(builder, events);
      PartialNeeds needs = PartialNeeds.of(parts, queries.get(0), queries.get(queries.size() - 1));
      Map<String, byte[][]> neededDays = new TreeMap<>(partials);
      neededDays.keySet().removeIf(ds -> !needs.needsDay(Day.parse(ds)));
      List<Event> neededEvents = events.stream().filter(event -> needs.needsEvent(event.time())).toList();
      List<Object[]> fromNeeds = evaluate(evaluator, neededDays, neededEvents, queries);
      List<Object[]> fromEverything = evaluate(evaluator, partials, events, queries);
      for (int q = 0; q < queries.size(); q++) {
        for (int p = 0; p < parts.size(); p++) {
          String what = "key " + key + ", query " + queries.get(q) + ", " + parts.get(p);
          assertSame(fromNeeds.get(q)[p], expected.get(q)[p], what);
          assertSame(fromEverything.get(q)[p], expected.get(q)[p], what + ", fed every day and event");
        }
      }
    }
  }

  /** Each day's encoded partials, as a partial-aggregate table would hold them. */
  private static Map<String, byte[][]> dayPartials(DayPartialBuilder builder, List<Event> events) {
    Map<String, List<Event>> byDay = new TreeMap<>();
    events.forEach(event -> byDay.computeIfAbsent(PartitionDates.dayOf(event.time()), ignored -> new ArrayList<>())
        .add(event));
    Map<String, byte[][]> partials = new TreeMap<>();
    byDay.forEach((ds, dayEvents) -> {
      builder.reset();
      dayEvents.forEach(event -> builder.addEvent(event.time(), event.inputs()));
      partials.put(ds, builder.build());
    });
    return partials;
  }

  /** Days at their midnight, then queries before events of the same instant, as a sorted Spark input would be. */
  private static List<Object[]> evaluate(PartialWindowEvaluator evaluator, Map<String, byte[][]> days,
      List<Event> events, List<Long> queries) {
    record Input(long time, int order, Object item) {}
    List<Input> stream = new ArrayList<>();
    days.forEach((ds, partials) -> stream.add(new Input(PartitionDates.startMillis(ds), 0, Map.entry(ds, partials))));
    queries.forEach(query -> stream.add(new Input(query, 1, query)));
    events.forEach(event -> stream.add(new Input(event.time(), 2, event)));
    stream.sort(Comparator.comparingLong(Input::time).thenComparingInt(Input::order));
    evaluator.reset();
    List<Object[]> results = new ArrayList<>();
    for (Input input : stream) {
      if (input.item() instanceof Map.Entry<?, ?> day) {
        evaluator.addDay(Day.parse((String) day.getKey()), (byte[][]) day.getValue());
      } else if (input.item() instanceof Event event) {
        evaluator.addEvent(event.time(), event.inputs());
      } else {
        results.add(evaluator.query((Long) input.item()));
      }
    }
    return results;
  }

  private static Map<String, String> arguments(Operation operation) {
    return switch (operation) {
      case TOP_K, BOTTOM_K, FIRST_K, LAST_K -> Map.of("k", "3");
      case BOUNDED_UNIQUE_COUNT -> Map.of("k", "4");
      case APPROX_PERCENTILE -> Map.of("k", "400", "percentiles", "[0, 0.25, 0.5, 0.99, 1]");
      case APPROX_HISTOGRAM_K -> Map.of("k", "30");
      case HISTOGRAM -> Map.of("k", "2");
      default -> Map.of();
    };
  }
}
