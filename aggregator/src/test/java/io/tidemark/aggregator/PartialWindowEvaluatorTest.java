package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import io.tidemark.api.time.Day;
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
    evaluator.addDay(Day.parse("2023-11-01"), day(evaluator, DAY_1, 10L, DAY_1_0900, 7L));
    evaluator.addDay(Day.parse("2023-11-02"), day(evaluator, DAY_2_1200, 5L));

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
    evaluator.addDay(Day.parse("2023-11-02"), day(evaluator, DAY_2_1200, 5L));
    evaluator.addEvent(DAY_3, new Object[] {3L});

    assertThat(evaluator.query(asOf)).containsExactly(15L, 7L, 3L);
  }

  @Test
  void rawEventsOfWholeDaysAreNotCountedTwice() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);
    evaluator.addDay(Day.parse("2023-11-01"), day(evaluator, DAY_1, 10L, DAY_1_0900, 7L));
    evaluator.addEvent(DAY_1, new Object[] {10L});
    evaluator.addEvent(DAY_1_0900, new Object[] {7L});
    evaluator.addDay(Day.parse("2023-11-02"), day(evaluator, DAY_2_1200, 5L));
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
    evaluator.addDay(Day.parse("2023-11-02"), day(evaluator, DAY_2_1200, 5L));

    assertThatThrownBy(() -> evaluator.addDay(Day.parse("2023-11-01"), day(evaluator, DAY_1, 10L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot add the partial aggregates of 2023-11-01: those of 2023-11-02 came before it");
  }

  @Test
  void aDayAfterAQueryThatNeededItIsRefused() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);
    evaluator.query(DAY_3 + 1);

    assertThatThrownBy(() -> evaluator.addDay(Day.parse("2023-11-02"), day(evaluator, DAY_2_1200, 5L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot add the partial aggregates of 2023-11-02 after a query as of " + (DAY_3 + 1)
            + ", which needed the days before its own: add each day's partials before the queries of later days");
  }

  @Test
  void aDayWithTheWrongNumberOfColumnsIsRefused() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);

    assertThatThrownBy(() -> evaluator.addDay(Day.parse("2023-11-01"), new byte[1][]))
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
    evaluator.addDay(Day.parse("2023-11-02"), day(evaluator, DAY_2_1200, 5L));
    evaluator.query(DAY_3);
    evaluator.reset();
    evaluator.addDay(Day.parse("2023-11-01"), day(evaluator, DAY_1_0900, 7L));

    assertThat(evaluator.query(DAY_2)).containsExactly(7L, 7L, 1L, 7L);
  }

  @Test
  void aBlockOfEightDaysAnswersTheWindowsThatCoverItWhole() {
    // 2023-11-03 is epoch day 19664 = 8 * 2458: its block runs to 2023-11-10. Events of 3 on 11-03 09:00 and 4 on
    // 11-05 12:00. As of 11-11 00:00 an 8-day window is the block exactly, and so is the unwindowed sum.
    List<AggregationPart> parts = List.of(part(Operation.SUM, Window.days(8)), part(Operation.FIRST, Window.days(8)),
        part(Operation.SUM, null));
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(parts, LONG_INPUT);
    PartialMerge block = new PartialMerge(evaluator.columns());
    block.add(day(evaluator, millis("2023-11-03T09:00:00Z"), 3L));
    block.add(day(evaluator, millis("2023-11-05T12:00:00Z"), 4L));
    evaluator.addDays(piece("2023-11-03", 8), block.encoded());

    assertThat(evaluator.query(millis("2023-11-11T00:00:00Z"))).containsExactly(7L, 3L, 7L);
  }

  @Test
  void aBlockOfThirtyTwoDaysMadeOfItsFourEightDayBlocksKeepsTheOrderOfTheirEvents() {
    // 2023-10-18 is epoch day 19648 = 32 * 614: the block runs to 2023-11-18, its 8-day blocks start 10-18, 10-26,
    // 11-03 and 11-11. Events: 5 on 10-19, 2 on 10-25 (the first 8-day block), none in the second, 9 on 11-04, 1 on
    // 11-17. As of 11-19 00:00 a 32-day window is the block: sum 17, first 5, last 1.
    List<AggregationPart> parts = List.of(part(Operation.SUM, Window.days(32)), part(Operation.FIRST, Window.days(32)),
        part(Operation.LAST, Window.days(32)));
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(parts, LONG_INPUT);
    PartialMerge thirtyTwo = new PartialMerge(evaluator.columns());
    PartialMerge eight = new PartialMerge(evaluator.columns());
    eight.add(day(evaluator, millis("2023-10-19T08:00:00Z"), 5L));
    eight.add(day(evaluator, millis("2023-10-25T08:00:00Z"), 2L));
    thirtyTwo.takeFrom(eight);
    assertThat(eight.isEmpty()).isTrue();
    thirtyTwo.takeFrom(eight);
    eight.add(day(evaluator, millis("2023-11-04T08:00:00Z"), 9L));
    thirtyTwo.takeFrom(eight);
    eight.add(day(evaluator, millis("2023-11-17T08:00:00Z"), 1L));
    thirtyTwo.takeFrom(eight);
    evaluator.addDays(piece("2023-10-18", 32), thirtyTwo.encoded());

    assertThat(evaluator.query(millis("2023-11-19T00:00:00Z"))).containsExactly(17L, 5L, 1L);
  }

  @Test
  void aQueryWhoseWholeDaysBeginOrEndInsideABlockIsRefused() {
    PartialWindowEvaluator windowed = new PartialWindowEvaluator(List.of(part(Operation.SUM, Window.days(8))),
        LONG_INPUT);
    windowed.addDays(piece("2023-11-03", 8), day(windowed, millis("2023-11-03T09:00:00Z"), 3L));
    long asOf = millis("2023-11-12T00:00:00Z");
    assertThatThrownBy(() -> windowed.query(asOf))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot answer a query as of " + asOf + " from the partial aggregates of 2023-11-03 to "
            + "2023-11-10: its window's whole days begin inside them, on 2023-11-04; read the pieces PartialNeeds "
            + "lists");

    PartialWindowEvaluator unwindowed = new PartialWindowEvaluator(List.of(part(Operation.SUM, null)), LONG_INPUT);
    unwindowed.addDays(piece("2023-11-03", 8), day(unwindowed, millis("2023-11-03T09:00:00Z"), 3L));
    long early = millis("2023-11-08T00:00:00Z");
    assertThatThrownBy(() -> unwindowed.query(early))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot answer a query as of " + early + " from the partial aggregates of 2023-11-03 to "
            + "2023-11-10: its window's whole days end inside them, on 2023-11-07; read the pieces PartialNeeds "
            + "lists");
  }

  @Test
  void piecesMustBeAlignedAndMustNotOverlap() {
    PartialWindowEvaluator evaluator = new PartialWindowEvaluator(PARTS, LONG_INPUT);
    evaluator.addDays(piece("2023-11-03", 8), day(evaluator, millis("2023-11-03T09:00:00Z"), 3L));

    byte[][] nextDay = day(evaluator, millis("2023-11-09T09:00:00Z"), 1L);
    assertThatThrownBy(() -> evaluator.addDay(Day.parse("2023-11-09"), nextDay))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot add the partial aggregates of 2023-11-09: those of 2023-11-03 to 2023-11-10 came before "
            + "it");
    assertThatThrownBy(() -> evaluator.addDays(piece("2023-11-12", 8), new byte[3][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot make a block of 8 days from 2023-11-12: blocks start on a day divisible by their length");
    assertThatThrownBy(() -> evaluator.addDays(piece("2023-11-11", 5), new byte[3][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot make a piece of partial aggregates over 5 days: pieces are 1 day or blocks of [32, 8] "
            + "days");
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

  private static PartialPiece piece(String firstDay, int spanDays) {
    return PartialPiece.of(Day.parse(firstDay), spanDays);
  }
}
