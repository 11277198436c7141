package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PointInTimeSweepTest {
  private static final long DAY_1_0900 = millis("2023-11-01T09:00:00Z");
  private static final long DAY_2_1200 = millis("2023-11-02T12:00:00Z");
  private static final long DAY_3_1200 = millis("2023-11-03T12:00:00Z");
  private static final long DAY_3_1500 = millis("2023-11-03T15:00:00Z");

  private static final AggregationPart SUM_2D = part(Operation.SUM, Window.days(2));
  private static final Map<String, InputType> LONG_INPUT = Map.of("x", InputType.scalar(InputKind.INTEGRAL));

  @Test
  void temporalWindowSeesEventsInsideExactWindowOnly() {
    // The worked example: events 10 (day 1 09:00), 5 (day 2 12:00), 2 (day 3 15:00); 2-day SUM as of day 3 12:00.
    PointInTimeSweep sweep = new PointInTimeSweep(List.of(SUM_2D), LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_1_0900, new Object[] {10L});
    sweep.addEvent(DAY_2_1200, new Object[] {5L});

    assertThat(sweep.query(DAY_3_1200)).containsExactly(5L);
  }

  @Test
  void eventAtExactlyTheQueryTimeIsNotSeen() {
    PointInTimeSweep sweep = new PointInTimeSweep(List.of(SUM_2D), LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_1_0900, new Object[] {10L});

    // The day-2 12:00 event is added only after the query at the same instant.
    assertThat(sweep.query(DAY_2_1200)).containsExactly(10L);
  }

  @Test
  void eventExactlyOneWindowBeforeTheQueryIsSeen() {
    PointInTimeSweep sweep = new PointInTimeSweep(List.of(SUM_2D), LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_1_0900, new Object[] {10L});

    assertThat(sweep.query(DAY_1_0900 + Window.days(2).millis())).containsExactly(10L);
    assertThat(sweep.query(DAY_1_0900 + Window.days(2).millis() + 1)).containsExactly((Object) null);
  }

  @Test
  void snapshotAccuracyQueriesAsOfTheMidnightBeforeTheLeftRow() {
    PointInTimeSweep sweep = new PointInTimeSweep(List.of(SUM_2D), LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_1_0900, new Object[] {10L});
    sweep.addEvent(DAY_2_1200, new Object[] {5L});

    // As of 00:00 day 3 the window is [00:00 day 1, 00:00 day 3): both events.
    assertThat(sweep.query(AsOf.of(Accuracy.SNAPSHOT, DAY_3_1200))).containsExactly(15L);
  }

  @Test
  void emptyWindowIsNullForEveryOperationIncludingCount() {
    List<AggregationPart> parts = List.of(
        part(Operation.SUM, Window.days(1)), part(Operation.COUNT, Window.days(1)),
        part(Operation.AVERAGE, Window.days(1)), lastK(3, Window.days(1)));
    PointInTimeSweep sweep = new PointInTimeSweep(parts, LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_1_0900, new Object[] {10L});

    assertThat(sweep.query(DAY_3_1200)).containsExactly(null, null, null, null);
  }

  @Test
  void nullInputsAreSkipped() {
    List<AggregationPart> parts = List.of(
        part(Operation.SUM, null), part(Operation.COUNT, null), part(Operation.AVERAGE, null), lastK(3, null));
    PointInTimeSweep sweep = new PointInTimeSweep(parts, LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_1_0900, new Object[] {4L});
    sweep.addEvent(DAY_2_1200, new Object[] {null});
    sweep.addEvent(DAY_3_1200, new Object[] {8L});

    assertThat(sweep.query(DAY_3_1500)).containsExactly(12L, 2L, 6.0, List.of(8L, 4L));
  }

  @Test
  void windowOfOnlyNullInputsIsNull() {
    PointInTimeSweep sweep = new PointInTimeSweep(
        List.of(part(Operation.COUNT, null), part(Operation.SUM, null)), LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_1_0900, new Object[] {null});

    assertThat(sweep.query(DAY_2_1200)).containsExactly(null, null);
  }

  @Test
  void lastKKeepsTheNewestKNewestFirstAndForgetsThoseOutsideTheWindow() {
    PointInTimeSweep sweep =
        new PointInTimeSweep(List.of(lastK(2, null), lastK(2, Window.hours(30))), LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_1_0900, new Object[] {1L});
    sweep.addEvent(DAY_2_1200, new Object[] {2L});
    sweep.addEvent(DAY_3_1200, new Object[] {3L});

    assertThat(sweep.query(DAY_3_1500)).containsExactly(List.of(3L, 2L), List.of(3L, 2L));
    // As of day 4 11:00 the 30-hour window starts at day 3 05:00: the day-2 event is out, the day-3 one still in.
    long day4At1100 = millis("2023-11-04T11:00:00Z");
    assertThat(sweep.query(day4At1100)).containsExactly(List.of(3L, 2L), List.of(3L));
  }

  @Test
  void sumOfFloatingInputsIsDoubleAndOfBooleansCountsTrue() {
    PointInTimeSweep doubles = new PointInTimeSweep(
        List.of(part(Operation.SUM, null)), Map.of("x", InputType.scalar(InputKind.FLOATING)), Deletes.NONE);
    doubles.addEvent(DAY_1_0900, new Object[] {1.5});
    doubles.addEvent(DAY_1_0900, new Object[] {2.25f});
    assertThat(doubles.query(DAY_2_1200)).containsExactly(3.75);

    PointInTimeSweep booleans = new PointInTimeSweep(
        List.of(part(Operation.SUM, null)), Map.of("x", InputType.scalar(InputKind.BOOLEAN)), Deletes.NONE);
    booleans.addEvent(DAY_1_0900, new Object[] {true});
    booleans.addEvent(DAY_1_0900, new Object[] {false});
    booleans.addEvent(DAY_1_0900, new Object[] {true});
    assertThat(booleans.query(DAY_2_1200)).containsExactly(2L);
  }

  @Test
  void resetForgetsThePreviousKey() {
    PointInTimeSweep sweep =
        new PointInTimeSweep(List.of(SUM_2D, part(Operation.COUNT, null)), LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_2_1200, new Object[] {5L});
    sweep.reset();
    sweep.addEvent(DAY_1_0900, new Object[] {7L});

    assertThat(sweep.query(DAY_2_1200)).containsExactly(7L, 1L);
  }

  @Test
  void deletesTakeBackWhatTheOperationCanAndOthersIgnoreThem() {
    List<AggregationPart> parts = List.of(part(Operation.SUM, null), part(Operation.COUNT, null),
        part(Operation.MAX, null), lastK(2, null));
    PointInTimeSweep sweep = new PointInTimeSweep(parts, LONG_INPUT, Deletes.APPLIED);
    sweep.addEvent(DAY_1_0900, new Object[] {10L});
    sweep.addEvent(DAY_1_0900, new Object[] {4L});
    // A mutation replaces 10 with 3: the delete of 10, then the insert of 3.
    sweep.retractEvent(DAY_2_1200, new Object[] {10L});
    sweep.addEvent(DAY_2_1200, new Object[] {3L});

    // SUM 4 + 3 and COUNT 2 take the delete back; MAX and LAST_K ignore deletes, as Chronon does.
    assertThat(sweep.query(DAY_3_1200)).containsExactly(7L, 2L, 10L, List.of(3L, 4L));
  }

  @Test
  void eventsOutOfTimeOrderAreRefused() {
    PointInTimeSweep sweep = new PointInTimeSweep(List.of(SUM_2D), LONG_INPUT, Deletes.NONE);
    sweep.addEvent(DAY_2_1200, new Object[] {5L});

    assertThatThrownBy(() -> sweep.addEvent(DAY_1_0900, new Object[] {10L}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot add event at %s: an event at %s came before it", DAY_1_0900, DAY_2_1200);
  }

  @Test
  void matchesABruteForceComputationOnRandomStreams() {
    Random random = new Random(20231101);
    List<AggregationPart> parts = List.of(
        part(Operation.SUM, Window.hours(5)), part(Operation.SUM, Window.days(1)), part(Operation.SUM, null),
        part(Operation.COUNT, Window.hours(5)), part(Operation.AVERAGE, Window.days(1)),
        lastK(3, Window.hours(5)), lastK(4, null));
    PointInTimeSweep sweep = new PointInTimeSweep(parts, LONG_INPUT, Deletes.NONE);
    for (int key = 0; key < 50; key++) {
      List<long[]> events = new ArrayList<>();
      List<Long> queries = new ArrayList<>();
      long start = DAY_1_0900;
      for (int i = 0; i < 60; i++) {
        long time = start + random.nextInt(4 * 24) * 1_800_000L;
        if (random.nextInt(3) == 0) {
          queries.add(time);
        } else {
          events.add(new long[] {time, random.nextInt(5) == 0 ? Long.MIN_VALUE : random.nextInt(100)});
        }
      }
      events.sort((a, b) -> Long.compare(a[0], b[0]));
      queries.sort(Long::compare);
      sweep.reset();
      int next = 0;
      for (long query : queries) {
        while (next < events.size() && events.get(next)[0] < query) {
          long value = events.get(next)[1];
          sweep.addEvent(events.get(next)[0], new Object[] {value == Long.MIN_VALUE ? null : value});
          next++;
        }
        Object[] actual = sweep.query(query);
        for (int p = 0; p < parts.size(); p++) {
          assertThat(actual[p]).as("key %s, query %s, %s", key, query, parts.get(p))
              .isEqualTo(bruteForce(parts.get(p), events, query));
        }
      }
    }
  }

  /** Filters the events into the window and aggregates them directly, independently of the sweep. */
  private static Object bruteForce(AggregationPart part, List<long[]> events, long asOf) {
    long from = part.window() == null ? Long.MIN_VALUE : asOf - part.window().millis();
    List<Long> values = new ArrayList<>();
    for (long[] event : events) {
      if (event[0] >= from && event[0] < asOf && event[1] != Long.MIN_VALUE) {
        values.add(event[1]);
      }
    }
    if (values.isEmpty()) {
      return null;
    }
    long sum = values.stream().mapToLong(Long::longValue).sum();
    return switch (part.operation()) {
      case SUM -> sum;
      case COUNT -> (long) values.size();
      case AVERAGE -> (double) sum / values.size();
      case LAST_K -> {
        List<Object> newestFirst = new ArrayList<>();
        for (int i = values.size() - 1; i >= 0 && newestFirst.size() < part.k(); i--) {
          newestFirst.add(values.get(i));
        }
        yield newestFirst;
      }
      default -> throw new AssertionError(part);
    };
  }

  private static AggregationPart part(Operation operation, Window window) {
    return new AggregationPart("x", operation, Map.of(), window);
  }

  private static AggregationPart lastK(int k, Window window) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("k", Integer.toString(k));
    return new AggregationPart("x", Operation.LAST_K, args, window);
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void asOfTruncatesToMidnightOnlyForSnapshot() {
    assertThat(AsOf.of(Accuracy.TEMPORAL, DAY_3_1200)).isEqualTo(DAY_3_1200);
    assertThat(AsOf.of(Accuracy.SNAPSHOT, DAY_3_1200)).isEqualTo(millis("2023-11-03T00:00:00Z"));
    assertThat(AsOf.of(Accuracy.SNAPSHOT, millis("2023-11-03T00:00:00Z"))).isEqualTo(millis("2023-11-03T00:00:00Z"));
    assertThat(AsOf.of(Accuracy.SNAPSHOT, -1)).isEqualTo(-86_400_000L);
  }
}
