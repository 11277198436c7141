package io.tidemark.api.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DayRangeTest {
  @Test
  void aRangeHoldsItsEndsAndTheDaysBetweenAcrossAMonthAndAYear() {
    DayRange range = new DayRange("2023-12-30", "2024-01-02");

    assertThat(range.days()).containsExactly("2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02");
    assertThat(range.contains("2023-12-30")).isTrue();
    assertThat(range.contains("2024-01-02")).isTrue();
    assertThat(range.contains("2023-12-29")).isFalse();
    assertThat(range.contains("2024-01-03")).isFalse();
    assertThat(new DayRange("2024-02-28", "2024-03-01").days()).as("a leap year")
        .containsExactly("2024-02-28", "2024-02-29", "2024-03-01");
  }

  @Test
  void aSpanRunsFromTheFirstToTheLastDayGivenWhateverTheirOrderAndGaps() {
    assertThat(DayRange.spanning(List.of("2023-11-09", "2023-11-01", "2023-11-05")))
        .isEqualTo(new DayRange("2023-11-01", "2023-11-09"));
    assertThat(DayRange.spanning(new TreeSet<>(Set.of("2023-11-03", "2023-11-02"))))
        .isEqualTo(new DayRange("2023-11-02", "2023-11-03"));
    assertThat(DayRange.of("2023-11-01")).isEqualTo(new DayRange("2023-11-01", "2023-11-01"));
    assertThatThrownBy(() -> DayRange.spanning(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot span no days");
  }

  @Test
  void consecutiveDaysMakeOneRunAndAGapStartsAnother() {
    assertThat(DayRange.runs(List.of("2024-01-01", "2023-12-30", "2023-12-31", "2024-01-03", "2024-01-05",
        "2024-01-06"))).containsExactly(new DayRange("2023-12-30", "2024-01-01"), DayRange.of("2024-01-03"),
        new DayRange("2024-01-05", "2024-01-06"));
    assertThat(DayRange.runs(List.of())).isEmpty();
  }

  @Test
  void aCommitSummaryAlwaysWritesBothEndsAndPeopleSeeOneDayAlone() {
    assertThat(DayRange.of("2023-11-01").span()).isEqualTo("2023-11-01..2023-11-01");
    assertThat(DayRange.of("2023-11-01")).hasToString("2023-11-01");
    assertThat(new DayRange("2023-11-01", "2023-11-03").span()).isEqualTo("2023-11-01..2023-11-03");
    assertThat(new DayRange("2023-11-01", "2023-11-03")).hasToString("2023-11-01..2023-11-03");
  }

  @Test
  void aReversedRangeOrAnotherSpellingOfADayIsRefused() {
    assertThatThrownBy(() -> new DayRange("2023-11-03", "2023-11-01")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create day range 2023-11-03..2023-11-01: the first day is after the last");
    assertThatThrownBy(() -> new DayRange("20231101", "2023-11-03")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create day range 20231101..2023-11-03: write days as yyyy-MM-dd");
    assertThatThrownBy(() -> new DayRange("2023-02-29", "2023-03-01")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create day range 2023-02-29..2023-03-01: write days as yyyy-MM-dd");
    assertThatThrownBy(() -> new DayRange(null, "2023-03-01")).isInstanceOf(NullPointerException.class)
        .hasMessage("first is null");
  }
}
