package io.tidemark.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelDatesTest {
  @Test
  void offsetsThirtyAndTenLabelTheTwentyOneDaysFromTheFirstOfApril() {
    // 2023-04-30 - (30 - 1) days = 2023-04-01; 2023-04-30 - (10 - 1) days = 2023-04-21.
    DayRange days = LabelDates.leftDays(Day.parse("2023-04-30"), new LabelPart(List.of(), 30, 10));

    assertThat(days).isEqualTo(range("2023-04-01", "2023-04-21"));
    assertThat(days.days()).extracting(Day::toString).hasSize(21).startsWith("2023-04-01", "2023-04-02")
        .endsWith("2023-04-21");
  }

  @Test
  void equalOffsetsLabelExactlyOneDay() {
    // 7/7: 2023-04-30 - 6 days = 2023-04-24, both ends. Chronon's example: 2022-10-06 with 5/5 labels 2022-10-02.
    assertThat(LabelDates.leftDays(Day.parse("2023-04-30"), 7, 7).days()).extracting(Day::toString)
        .containsExactly("2023-04-24");
    assertThat(LabelDates.leftDays(Day.parse("2022-10-06"), 5, 5).days()).extracting(Day::toString)
        .containsExactly("2022-10-02");
    // An offset of 1 is label_ds itself; 0 the day after.
    assertThat(LabelDates.leftDays(Day.parse("2023-04-30"), 1, 0)).isEqualTo(range("2023-04-30", "2023-05-01"));
  }

  @Test
  void aSevenDayLabelWindowEndsWithLabelDsAndStartsOnTheOneLeftDayItLabels() {
    // [label_ds + 1 - 7, label_ds + 1) = [2023-04-24, 2023-05-01): the labeled left day 2023-04-24 sees its own day
    // and the six after it.
    assertThat(LabelDates.labelWindow(Day.parse("2023-04-30"), 7)).isEqualTo(range("2023-04-24", "2023-04-30"));
    assertThat(LabelDates.windowStartMillis(Day.parse("2023-04-30"), 7))
        .isEqualTo(Instant.parse("2023-04-24T00:00:00Z").toEpochMilli());
    assertThat(LabelDates.windowEndMillis(Day.parse("2023-04-30")))
        .isEqualTo(Instant.parse("2023-05-01T00:00:00Z").toEpochMilli());
    assertThat(LabelDates.labelWindow(Day.parse("2023-03-01"), 1)).isEqualTo(range("2023-03-01", "2023-03-01"));
  }

  @Test
  void rangesCrossMonthsAndYears() {
    assertThat(LabelDates.leftDays(Day.parse("2024-01-02"), 4, 2).days()).extracting(Day::toString)
        .containsExactly("2023-12-30", "2023-12-31", "2024-01-01");
    assertThat(LabelDates.leftDays(Day.parse("2024-03-01"), 2, 2).days()).extracting(Day::toString)
        .containsExactly("2024-02-29");
  }

  @Test
  void aStartOffsetBelowTheEndOffsetIsRefused() {
    assertThatThrownBy(() -> LabelDates.leftDays(Day.parse("2023-04-30"), 10, 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot label with leftStartOffset 10 before leftEndOffset 30");
  }

  private static DayRange range(String first, String last) {
    return new DayRange(Day.parse(first), Day.parse(last));
  }
}
