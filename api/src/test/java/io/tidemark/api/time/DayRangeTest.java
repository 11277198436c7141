package io.tidemark.api.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DayRangeTest {
  @Test
  void aRangeHoldsItsEndsAndTheDaysBetweenAcrossAMonthAndAYear() {
    DayRange range = range("2023-12-30", "2024-01-02");

    assertThat(range.days()).containsExactlyElementsOf(days("2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02"));
    assertThat(range.contains(Day.parse("2023-12-30"))).isTrue();
    assertThat(range.contains(Day.parse("2024-01-02"))).isTrue();
    assertThat(range.contains(Day.parse("2023-12-29"))).isFalse();
    assertThat(range.contains(Day.parse("2024-01-03"))).isFalse();
    assertThat(range("2024-02-28", "2024-03-01").days()).as("a leap year")
        .containsExactlyElementsOf(days("2024-02-28", "2024-02-29", "2024-03-01"));
  }

  @Test
  void aSpanRunsFromTheFirstToTheLastDayGivenWhateverTheirOrderAndGaps() {
    assertThat(DayRange.spanning(days("2023-11-09", "2023-11-01", "2023-11-05")))
        .isEqualTo(range("2023-11-01", "2023-11-09"));
    assertThat(DayRange.spanning(new TreeSet<>(Set.of(Day.parse("2023-11-03"), Day.parse("2023-11-02")))))
        .isEqualTo(range("2023-11-02", "2023-11-03"));
    assertThat(DayRange.of(Day.parse("2023-11-01"))).isEqualTo(range("2023-11-01", "2023-11-01"));
    assertThatThrownBy(() -> DayRange.spanning(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot span no days");
  }

  @Test
  void consecutiveDaysMakeOneRunAndAGapStartsAnother() {
    assertThat(DayRange.runs(days("2024-01-01", "2023-12-30", "2023-12-31", "2024-01-03", "2024-01-05",
        "2024-01-06"))).containsExactly(range("2023-12-30", "2024-01-01"), DayRange.of(Day.parse("2024-01-03")),
        range("2024-01-05", "2024-01-06"));
    assertThat(DayRange.runs(List.of())).isEmpty();
  }

  @Test
  void aCommitSummaryAlwaysWritesBothEndsAndPeopleSeeOneDayAlone() {
    assertThat(DayRange.of(Day.parse("2023-11-01")).span()).isEqualTo("2023-11-01..2023-11-01");
    assertThat(DayRange.of(Day.parse("2023-11-01"))).hasToString("2023-11-01");
    assertThat(range("2023-11-01", "2023-11-03").span()).isEqualTo("2023-11-01..2023-11-03");
    assertThat(range("2023-11-01", "2023-11-03")).hasToString("2023-11-01..2023-11-03");
  }

  /** Another spelling of a day, or a day that does not exist, is refused by {@link Day#parse}: see DayTest. */
  @Test
  void aReversedRangeIsRefused() {
    assertThatThrownBy(() -> range("2023-11-03", "2023-11-01")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create day range 2023-11-03..2023-11-01: the first day is after the last");
    assertThatThrownBy(() -> new DayRange(null, Day.parse("2023-03-01"))).isInstanceOf(NullPointerException.class)
        .hasMessage("first is null");
  }

  private static DayRange range(String first, String last) {
    return new DayRange(Day.parse(first), Day.parse(last));
  }

  private static List<Day> days(String... days) {
    return Arrays.stream(days).map(Day::parse).toList();
  }
}
