package io.tidemark.aggregator;

import static io.tidemark.aggregator.SweepComparison.assertSame;
import static io.tidemark.aggregator.SweepComparison.sweep;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.aggregator.SweepComparison.Event;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Long windows answered from days and aligned blocks of days, against the sweep over all raw events: events spread over
 * 420 days, queries over a span of up to a month near the end, fed only the pieces {@link PartialNeeds#pieces} lists
 * (each block merged from its days, as a table keeps it) and the raw events it needs. Also with some blocks missing, so
 * that shorter blocks and days stand in for them.
 */
class PartialWindowEvaluatorBlocksTest {
  private static final long HALF_HOUR = 1_800_000L;
  private static final long DAY = PartitionDates.DAY_MILLIS;
  private static final long ORIGIN = PartitionDates.startMillis("2023-01-05");
  private static final int DAYS = 420;
  private static final List<Window> WINDOWS = Arrays.asList(Window.days(1), Window.days(7), Window.days(30),
      Window.days(90), Window.days(365), Window.hours(36), null);

  @Test
  void longsOverEveryWindow() {
    check(InputType.scalar(InputKind.INTEGRAL), random -> RandomInputs.longBelow(random, 20),
        List.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.VARIANCE, Operation.MIN, Operation.MAX,
            Operation.TOP_K, Operation.FIRST, Operation.LAST, Operation.LAST_K, Operation.UNIQUE_COUNT,
            Operation.APPROX_UNIQUE_COUNT, Operation.APPROX_PERCENTILE), false);
  }

  @Test
  void doublesAndStrings() {
    check(InputType.scalar(InputKind.FLOATING), random -> random.nextInt(10) == 0 ? null
        : random.nextInt(4000) / 7.0 - 300, List.of(Operation.SUM, Operation.AVERAGE, Operation.SKEW,
        Operation.BOTTOM_K, Operation.FIRST_K), false);
    check(InputType.scalar(InputKind.STRING), RandomInputs::string,
        List.of(Operation.COUNT, Operation.LAST, Operation.HISTOGRAM, Operation.APPROX_HISTOGRAM_K,
            Operation.BOUNDED_UNIQUE_COUNT), false);
  }

  @Test
  void bucketed() {
    check(InputType.scalar(InputKind.INTEGRAL), random -> RandomInputs.longBelow(random, 20),
        List.of(Operation.COUNT, Operation.SUM, Operation.LAST, Operation.UNIQUE_COUNT), true);
  }

  private void check(InputType type, Function<Random, Object> values, List<Operation> operations, boolean bucketed) {
    List<AggregationPart> parts = RandomInputs.parts(operations, WINDOWS, bucketed, operation -> switch (operation) {
      case TOP_K, BOTTOM_K, FIRST_K, LAST_K -> Map.of("k", "3");
      case BOUNDED_UNIQUE_COUNT -> Map.of("k", "4");
      case APPROX_PERCENTILE -> Map.of("k", "800", "percentiles", "[0, 0.5, 1]");
      case APPROX_HISTOGRAM_K -> Map.of("k", "30");
      case HISTOGRAM -> Map.of("k", "2");
      default -> Map.<String, String>of();
    });
    Map<String, InputType> inputs = RandomInputs.inputs(type);
    PointInTimeSweep sweep = new PointInTimeSweep(parts, inputs, Deletes.NONE);
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(parts, inputs);
    DayPartialBuilder builder = new DayPartialBuilder(evaluator.columns());
    Random random = new Random(17 * operations.hashCode() + type.hashCode() + (bucketed ? 1 : 0));
    int blocksRead = 0;
    for (int key = 0; key < 10; key++) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        long time = ORIGIN + (long) random.nextInt(DAYS * 48) * HALF_HOUR + (random.nextInt(8) == 0 ? -1 : 0);
        String bucket = random.nextInt(5) == 0 ? null : random.nextBoolean() ? "a" : "z";
        events.add(new Event(time, values.apply(random), bucket));
      }
      events.sort(Comparator.comparingLong(Event::time));
      long firstQuery = ORIGIN + (370L + random.nextInt(20)) * DAY + random.nextInt(48) * HALF_HOUR;
      long spread = random.nextBoolean() ? 0 : (1 + random.nextInt(30 * 48)) * HALF_HOUR;
      List<Long> queries = new ArrayList<>();
      for (int q = 0; q < 12; q++) {
        queries.add(firstQuery + (spread == 0 ? 0 : (long) (random.nextDouble() * spread)));
      }
      queries.add(firstQuery);
      queries.sort(Long::compare);
      List<Object[]> expected = sweep(sweep, events, queries);
      Map<Long, byte[][]> days = dayPartials(builder, events);
      PartialNeeds needs = PartialNeeds.of(parts, queries.get(0), queries.get(queries.size() - 1));
      List<Event> neededEvents = events.stream().filter(event -> needs.needsEvent(event.time())).toList();
      Set<PartialPiece> missing = new HashSet<>();
      for (PartialPiece piece : needs.pieces()) {
        if (piece.spanDays() > 1 && random.nextInt(3) == 0) {
          missing.add(piece);
        }
      }
      for (List<PartialPiece> pieces : List.of(needs.pieces(), needs.pieces(block -> !missing.contains(block)))) {
        blocksRead += (int) pieces.stream().filter(piece -> piece.spanDays() > 1).count();
        List<Object[]> actual = evaluate(evaluator, blocks(evaluator.columns(), days, pieces), neededEvents, queries);
        for (int q = 0; q < queries.size(); q++) {
          for (int p = 0; p < parts.size(); p++) {
            assertSame(actual.get(q)[p], expected.get(q)[p], "key " + key + ", query " + queries.get(q) + ", "
                + parts.get(p) + ", pieces " + pieces);
          }
        }
      }
    }
    assertThat(blocksRead).as("blocks read").isGreaterThan(100);
  }

  /** Each day's encoded partials by epoch day; days without events have none. */
  private static Map<Long, byte[][]> dayPartials(DayPartialBuilder builder, List<Event> events) {
    Map<Long, List<Event>> byDay = new TreeMap<>();
    events.forEach(event -> byDay.computeIfAbsent(Math.floorDiv(event.time(), DAY), ignored -> new ArrayList<>())
        .add(event));
    Map<Long, byte[][]> partials = new TreeMap<>();
    byDay.forEach((day, dayEvents) -> {
      builder.reset();
      dayEvents.forEach(event -> builder.addEvent(event.time(), event.inputs()));
      partials.put(day, builder.build());
    });
    return partials;
  }

  /** The stored partials of each piece: a day's own, a block's merged from its days with events; none without. */
  private static Map<PartialPiece, byte[][]> blocks(PartialColumns columns, Map<Long, byte[][]> days,
      List<PartialPiece> pieces) {
    Map<PartialPiece, byte[][]> stored = new TreeMap<>(Comparator.comparingLong(PartialPiece::firstDay));
    for (PartialPiece piece : pieces) {
      PartialMerge merge = new PartialMerge(columns);
      for (long day = piece.firstDay(); day <= piece.lastDay(); day++) {
        if (days.containsKey(day)) {
          merge.add(days.get(day));
        }
      }
      if (!merge.isEmpty()) {
        stored.put(piece, piece.spanDays() == 1 ? days.get(piece.firstDay()) : merge.encoded());
      }
    }
    return stored;
  }

  /** Pieces at their first day's midnight, then queries before events of the same instant. */
  private static List<Object[]> evaluate(PartialWindowEvaluator evaluator, Map<PartialPiece, byte[][]> pieces,
      List<Event> events, List<Long> queries) {
    record Input(long time, int order, Object item) {}
    List<Input> stream = new ArrayList<>();
    pieces.forEach((piece, partials) -> stream.add(new Input(piece.firstDay() * DAY, 0, Map.entry(piece, partials))));
    queries.forEach(query -> stream.add(new Input(query, 1, query)));
    events.forEach(event -> stream.add(new Input(event.time(), 2, event)));
    stream.sort(Comparator.comparingLong(Input::time).thenComparingInt(Input::order));
    evaluator.reset();
    List<Object[]> results = new ArrayList<>();
    for (Input input : stream) {
      if (input.item() instanceof Map.Entry<?, ?> entry) {
        PartialPiece piece = (PartialPiece) entry.getKey();
        evaluator.addDays(piece, (byte[][]) entry.getValue());
      } else if (input.item() instanceof Event event) {
        evaluator.addEvent(event.time(), event.inputs());
      } else {
        results.add(evaluator.query((Long) input.item()));
      }
    }
    return results;
  }
}
