package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which days' partials and which raw events queries need, worked out by hand. */
class PartialNeedsTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY_1 = Instant.parse("2023-11-01T00:00:00Z").toEpochMilli();
  private static final long DAY_2 = DAY_1 + 24 * HOUR;
  private static final long DAY_3 = DAY_2 + 24 * HOUR;
  private static final long DAY_4 = DAY_3 + 24 * HOUR;
  private static final long FIRST_DAY = Instant.parse("1971-01-01T00:00:00Z").toEpochMilli();

  @Test
  void aTwoDayWindowNeedsItsStartDaysRestRawTheDayBetweenAndTheQueryDayRaw() {
    PartialNeeds needs = PartialNeeds.of(List.of(sum(Window.days(2))), DAY_3 + 10 * HOUR, DAY_3 + 10 * HOUR);

    assertThat(needs.days()).containsExactly(new TimeRange(DAY_2, DAY_3));
    assertThat(needs.days().get(0).dayRange()).isEqualTo(DayRange.of(Day.parse("2023-11-02")));
    assertThat(needs.rawEvents())
        .containsExactly(new TimeRange(DAY_1 + 10 * HOUR, DAY_2), new TimeRange(DAY_3, DAY_3 + 10 * HOUR));
    assertThat(needs.needsDay(Day.parse("2023-11-01"))).isFalse();
    assertThat(needs.needsDay(Day.parse("2023-11-02"))).isTrue();
  }

  @Test
  void windowsWithinTwoDaysAndUnderADayNeedNoPartials() {
    // 36 hours as of day 3 10:00 start at day 1 22:00: the rest of day 1 raw, day 2 whole, day 3 raw.
    PartialNeeds hours36 = PartialNeeds.of(List.of(sum(Window.hours(36))), DAY_3 + 10 * HOUR, DAY_3 + 10 * HOUR);
    assertThat(hours36.days()).containsExactly(new TimeRange(DAY_2, DAY_3));
    assertThat(hours36.rawEvents())
        .containsExactly(new TimeRange(DAY_1 + 22 * HOUR, DAY_2), new TimeRange(DAY_3, DAY_3 + 10 * HOUR));

    // 25 hours start on day 2 at 09:00: no whole day in between.
    PartialNeeds hours25 = PartialNeeds.of(List.of(sum(Window.hours(25))), DAY_3 + 10 * HOUR, DAY_3 + 10 * HOUR);
    assertThat(hours25.days()).isEmpty();
    assertThat(hours25.rawEvents()).containsExactly(new TimeRange(DAY_2 + 9 * HOUR, DAY_3 + 10 * HOUR));

    // One hour as of day 3 00:30 crosses midnight, raw on both sides.
    PartialNeeds hour = PartialNeeds.of(List.of(sum(Window.hours(1))), DAY_3 + HOUR / 2, DAY_3 + HOUR / 2);
    assertThat(hour.days()).isEmpty();
    assertThat(hour.rawEvents()).containsExactly(new TimeRange(DAY_3 - HOUR / 2, DAY_3 + HOUR / 2));
  }

  @Test
  void unwindowedNeedsEveryDayBeforeTheQueryDayAndThatDayRaw() {
    PartialNeeds needs = PartialNeeds.of(List.of(sum(null)), DAY_3 + 10 * HOUR, DAY_3 + 10 * HOUR);

    assertThat(needs.days()).containsExactly(new TimeRange(FIRST_DAY, DAY_3));
    assertThat(needs.days().get(0).dayRange().first()).isEqualTo(Day.parse("1971-01-01"));
    assertThat(needs.rawEvents()).containsExactly(new TimeRange(DAY_3, DAY_3 + 10 * HOUR));
  }

  @Test
  void aSpanOfQueriesNeedsWhatItsFirstAndLastInstantsBound() {
    // From day 3 10:00 to day 4 10:00, two days back: starts from day 1 10:00 to day 2 10:00, so day 1's rest and
    // day 2 to its end raw, days 2 and 3 whole, and days 3 and 4 raw up to the last query.
    PartialNeeds needs = PartialNeeds.of(List.of(sum(Window.days(2))), DAY_3 + 10 * HOUR, DAY_4 + 10 * HOUR);

    assertThat(needs.days()).containsExactly(new TimeRange(DAY_2, DAY_4));
    assertThat(needs.rawEvents()).containsExactly(new TimeRange(DAY_1 + 10 * HOUR, DAY_4 + 10 * HOUR));
  }

  @Test
  void aYearOneQueryReadsItsEdgeDaysAndAlignedBlocksBetween() {
    // As of 2024-12-20 10:00 (epoch day 20077), 365 days start on 2023-12-21 10:00: whole days from 2023-12-22 (day
    // 19713, one after 19712 = 32 * 616) to 2024-12-19 (day 20076), both fine. Between them: days up to the 8-aligned
    // 19720, 8-blocks up to the 32-aligned 19744, 32-blocks while they end before the fine 20076 (19744 + 10 * 32 =
    // 20064), one 8-block (20064..20071), days 20072..20075.
    PartialNeeds needs = PartialNeeds.of(List.of(sum(Window.days(365))), day("2024-12-20") + 10 * HOUR,
        day("2024-12-20") + 10 * HOUR);

    List<PartialPiece> expected = new ArrayList<>();
    expected.add(piece("2023-12-22", 1));
    for (String ds : List.of("2023-12-23", "2023-12-24", "2023-12-25", "2023-12-26", "2023-12-27", "2023-12-28")) {
      expected.add(piece(ds, 1));
    }
    for (String ds : List.of("2023-12-29", "2024-01-06", "2024-01-14")) {
      expected.add(piece(ds, 8));
    }
    for (String ds : List.of("2024-01-22", "2024-02-23", "2024-03-26", "2024-04-27", "2024-05-29", "2024-06-30",
        "2024-08-01", "2024-09-02", "2024-10-04", "2024-11-05")) {
      expected.add(piece(ds, 32));
    }
    expected.add(piece("2024-12-07", 8));
    for (String ds : List.of("2024-12-15", "2024-12-16", "2024-12-17", "2024-12-18", "2024-12-19")) {
      expected.add(piece(ds, 1));
    }
    assertThat(needs.pieces()).containsExactlyElementsOf(expected);
    assertThat(needs.pieces()).hasSize(26);
    assertThat(needs.fineDays())
        .containsExactly(new TimeRange(day("2023-12-22"), day("2023-12-23")),
            new TimeRange(day("2024-12-19"), day("2024-12-20")));
    assertThat(piece("2024-11-05", 32).lastDay()).isEqualTo(piece("2024-12-06", 1).firstDay());
  }

  @Test
  void blocksTheTableLacksAreReadAsShorterBlocks() {
    PartialNeeds needs = PartialNeeds.of(List.of(sum(Window.days(365))), day("2024-12-20") + 10 * HOUR,
        day("2024-12-20") + 10 * HOUR);

    // Each of the ten 32-blocks becomes four 8-blocks: 1 + 6 + 3 + 40 + 1 + 4 + 1.
    List<PartialPiece> pieces = needs.pieces(block -> block.spanDays() != 32);
    assertThat(pieces).hasSize(56);
    assertThat(pieces.subList(10, 14)).containsExactly(piece("2024-01-22", 8),
        piece("2024-01-30", 8), piece("2024-02-07", 8), piece("2024-02-15", 8));
    assertThat(needs.pieces(block -> false)).hasSize(364).allMatch(piece -> piece.spanDays() == 1);
  }

  @Test
  void aSpanOfQueriesReadsEveryDayWhereAWindowMayBeginOrEndAsADay() {
    // 40 days as of 2024-02-20 06:00 (day 19773) to 2024-02-23 06:00 (day 19776): whole days begin from day 19734 to
    // 19737 and end from 19772 to 19775, all fine. Days 19738..19743 until the 8-aligned 19744 (= 32 * 617, but its
    // 32-block holds the fine 19772); 8-blocks 19744, 19752, 19760; days 19768..19771, whose 8-block holds 19772.
    PartialNeeds needs = PartialNeeds.of(List.of(sum(Window.days(40))), day("2024-02-20") + 6 * HOUR,
        day("2024-02-23") + 6 * HOUR);

    List<PartialPiece> expected = new ArrayList<>();
    for (String ds : List.of("2024-01-12", "2024-01-13", "2024-01-14", "2024-01-15", "2024-01-16", "2024-01-17",
        "2024-01-18", "2024-01-19", "2024-01-20", "2024-01-21")) {
      expected.add(piece(ds, 1));
    }
    for (String ds : List.of("2024-01-22", "2024-01-30", "2024-02-07")) {
      expected.add(piece(ds, 8));
    }
    for (String ds : List.of("2024-02-15", "2024-02-16", "2024-02-17", "2024-02-18", "2024-02-19", "2024-02-20",
        "2024-02-21", "2024-02-22")) {
      expected.add(piece(ds, 1));
    }
    assertThat(needs.pieces()).containsExactlyElementsOf(expected);
    // No block holds a day where some query's whole days begin or end.
    for (PartialPiece piece : needs.pieces()) {
      if (piece.spanDays() > 1) {
        assertThat(piece.days()).noneMatch(day -> needs.fineDays().stream()
            .anyMatch(range -> range.contains(day.startMillis())));
      }
    }
  }

  @Test
  void unwindowedReadsBlocksFromTheFirstDayAndTheLastWholeDaysOneByOne() {
    // From 2024-02-20 06:00 to 2024-02-21 06:00: every day from 1971-01-01 (epoch day 365) to 2024-02-20 (19773); the
    // last whole day is 19772 or 19773, both fine, and so is 1971-01-01 where every range begins.
    PartialNeeds needs = PartialNeeds.of(List.of(sum(null)), day("2024-02-20") + 6 * HOUR,
        day("2024-02-21") + 6 * HOUR);

    List<PartialPiece> pieces = needs.pieces();
    // Day 365, days 366 and 367, 8-blocks from 368 and 376, then 32-blocks from 384 = 32 * 12.
    assertThat(pieces.subList(0, 6)).containsExactly(piece("1971-01-01", 1),
        piece("1971-01-02", 1), piece("1971-01-03", 1), piece("1971-01-04", 8),
        piece("1971-01-12", 8), piece("1971-01-20", 32));
    // The last 32-block is 19712..19743 (19744..19775 holds 19772); 8-blocks 19744, 19752 and 19760, then days
    // 19768..19773 (19768..19775 holds 19772).
    assertThat(pieces.subList(pieces.size() - 10, pieces.size())).containsExactly(
        piece("2023-12-21", 32), piece("2024-01-22", 8), piece("2024-01-30", 8),
        piece("2024-02-07", 8), piece("2024-02-15", 1), piece("2024-02-16", 1),
        piece("2024-02-17", 1), piece("2024-02-18", 1), piece("2024-02-19", 1),
        piece("2024-02-20", 1));
  }

  private static long day(String ds) {
    return Instant.parse(ds + "T00:00:00Z").toEpochMilli();
  }

  private static AggregationPart sum(Window window) {
    return new AggregationPart("x", Operation.SUM, Map.of(), window);
  }

  private static PartialPiece piece(String firstDay, int spanDays) {
    return PartialPiece.of(Day.parse(firstDay), spanDays);
  }
}
