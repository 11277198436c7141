package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of windows answered from daily partial aggregates. Events of 10 at 2023-11-01T00:00, 7 at
 * 2023-11-01T09:00, 5 at 2023-11-02T12:00 and 3 at 2023-11-03T00:00; 2-day SUM, FIRST and COUNT, and an unwindowed SUM.
 */
class PartialWindowEvaluatorTest {
  private static final long DAY_1 = millis("2023-11-01T00:00:00Z");
  private static final long DAY_1_0900 = millis("2023-11-01T09:00:00Z");
  private static final long DAY_2 = millis("2023-11-02T00:00:00Z");
  private static final long DAY_2_1200 = millis("2023-11-02T12:00:00Z");
  private static final long DAY_3 = millis("2023-11-03T00:00:00Z");
  private static final Map<String, InputType> LONG_INPUT = Map.of("x", InputType.scalar(InputKind.INTEGRAL));
  private static final List<AggregationPart> PARTS = List.of(part(Operation.SUM, Window.days(2)),
      part(Operation.FIRST, Window.days(2)), part(Operation.COUNT, Window.days(2)), part(Operation.SUM, null));

  @Test
  void aWindowStartingExactlyAtMidnightIsWholeDaysOnly() {
    // As of day 3 00:00 the 2-day window is [day 1 00:00, day 3 00:00): days 1 and 2, the midnight event included.
    PartialNeeds needs = PartialNeeds.of(PARTS.subList(0, 3), DAY_3, DAY_3);
    assertThat(needs.days()).containsExactly(new TimeRange(DAY_1, DAY_3));
    assertThat(needs.rawEvents()).isEmpty();

    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);
    evaluator.addDay("2023-11-01", day(evaluator, DAY_1, 10L, DAY_1_0900, 7L));
    evaluator.addDay("2023-11-02", day(evaluator, DAY_2_1200, 5L));

    assertThat(evaluator.query(DAY_3)).containsExactly(22L, 10L, 3L, 22L);
  }

  @Test
  void aWindowStartingOneMillisecondAfterMidnightReadsTheRestOfThatDayRaw() {
    // As of day 3 00:00:00.001 the window is [day 1 00:00:00.001, day 3 00:00:00.001): the 10 at day 1 00:00 is out,
    // the 7 comes raw from day 1, the 5 from day 2's partials, the 3 raw from day 3.
    long asOf = DAY_3 + 1;
    PartialNeeds needs = PartialNeeds.of(PARTS.subList(0, 3), asOf, asOf);
    assertThat(needs.days()).containsExactly(new TimeRange(DAY_2, DAY_3));
    assertThat(needs.rawEvents()).containsExactly(new TimeRange(DAY_1 + 1, DAY_2), new TimeRange(DAY_3, asOf));
    assertThat(needs.needsEvent(DAY_1)).isFalse();
    assertThat(needs.needsEvent(DAY_1_0900)).isTrue();

    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS.subList(0, 3), LONG_INPUT);
    evaluator.addEvent(DAY_1_0900, new Object[] {7L});
    evaluator.addDay("2023-11-02", day(evaluator, DAY_2_1200, 5L));
    evaluator.addEvent(DAY_3, new Object[] {3L});

    assertThat(evaluator.query(asOf)).containsExactly(15L, 7L, 3L);
  }

  @Test
  void rawEventsOfWholeDaysAreNotCountedTwice() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);
    evaluator.addDay("2023-11-01", day(evaluator, DAY_1, 10L, DAY_1_0900, 7L));
    evaluator.addEvent(DAY_1, new Object[] {10L});
    evaluator.addEvent(DAY_1_0900, new Object[] {7L});
    evaluator.addDay("2023-11-02", day(evaluator, DAY_2_1200, 5L));
    evaluator.addEvent(DAY_2_1200, new Object[] {5L});
    evaluator.addEvent(DAY_3, new Object[] {3L});

    // The unwindowed SUM merges days 1 and 2 and adds day 3's raw 3.
    assertThat(evaluator.query(DAY_3 + 1)).containsExactly(15L, 7L, 3L, 25L);
  }

  @Test
  void windowsOfTheSameAggregationShareOnePartial() {
    List<AggregationPart> parts = List.of(part(Operation.SUM, Window.days(2)), part(Operation.SUM, Window.days(30)),
        part(Operation.SUM, Window.hours(1)), part(Operation.SUM, null), part(Operation.COUNT, Window.days(2)));

    PartialColumns columns = new PartialColumns(parts, LONG_INPUT);

    assertThat(columns.aggregations()).containsExactly(part(Operation.SUM, null), part(Operation.COUNT, null));
    assertThat(columns.description(0)).isEqualTo("SUM {} of x (integral)");
  }

  @Test
  void daysOutOfOrderAreRefused() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);
    evaluator.addDay("2023-11-02", day(evaluator, DAY_2_1200, 5L));

    assertThatThrownBy(() -> evaluator.addDay("2023-11-01", day(evaluator, DAY_1, 10L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot add the partial aggregates of 2023-11-01: those of 2023-11-02 came before it");
  }

  @Test
  void aDayAfterAQueryThatNeededItIsRefused() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);
    evaluator.query(DAY_3 + 1);

    assertThatThrownBy(() -> evaluator.addDay("2023-11-02", day(evaluator, DAY_2_1200, 5L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot add the partial aggregates of 2023-11-02 after a query as of " + (DAY_3 + 1)
            + ", which needed the days before its own: add each day's partials before the queries of later days");
  }

  @Test
  void aDayWithTheWrongNumberOfColumnsIsRefused() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);

    assertThatThrownBy(() -> evaluator.addDay("2023-11-01", new byte[1][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read partial aggregates: got 1 columns, and the aggregations store 3");
  }

  @Test
  void aQueryAfterAnEventOfTheSameInstantIsRefused() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);
    evaluator.addEvent(DAY_3, new Object[] {3L});

    assertThatThrownBy(() -> evaluator.query(DAY_3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot query as of " + DAY_3 + ": an event at " + DAY_3 + " was already added");
  }

  @Test
  void aDayBuildRefusesAnEventOfAnotherDay() {
    DayPartialBuilder builder = new DayPartialBuilder(new PartialColumns(PARTS, LONG_INPUT));
    builder.addEvent(DAY_1_0900, new Object[] {7L});

    assertThatThrownBy(() -> builder.addEvent(DAY_2_1200, new Object[] {5L}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot add an event at " + DAY_2_1200 + " to the partial aggregates of 2023-11-01: it is on "
            + "another day");
  }

  @Test
  void resetForgetsThePreviousKey() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);
    evaluator.addDay("2023-11-02", day(evaluator, DAY_2_1200, 5L));
    evaluator.query(DAY_3);
    evaluator.reset();
    evaluator.addDay("2023-11-01", day(evaluator, DAY_1_0900, 7L));

    assertThat(evaluator.query(DAY_2)).containsExactly(7L, 7L, 1L, 7L);
  }

  /** The encoded partials of one day's events, given as time, value pairs. */
  private static byte[][] day(PartialWindowEvaluator evaluator, Object... timesAndValues) {
    DayPartialBuilder builder = new DayPartialBuilder(evaluator.columns());
    for (int i = 0; i < timesAndValues.length; i += 2) {
      builder.addEvent((Long) timesAndValues[i], new Object[] {timesAndValues[i + 1]});
    }
    return builder.build();
  }

  private static AggregationPart part(Operation operation, Window window) {
    return new AggregationPart("x", operation, Map.of(), window);
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
