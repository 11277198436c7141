package io.tidemark.api.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DayTest {
  @Test
  void aDayIsReadFromAndWrittenAsItsPartitionValue() {
    assertThat(Day.parse("2023-11-01")).isEqualTo(new Day(LocalDate.of(2023, 11, 1)));
    assertThat(Day.parse("2023-11-01")).hasToString("2023-11-01");
    assertThat(Day.parse("2024-02-29")).as("a leap day").hasToString("2024-02-29");
    assertThat(Day.parseAll(List.of("2024-01-01", "2023-12-31", "2024-01-01"))).extracting(Day::toString)
        .containsExactly("2023-12-31", "2024-01-01");
    assertThat(Day.texts(List.of(Day.parse("2024-01-01"), Day.parse("2023-12-31"))))
        .containsExactly("2024-01-01", "2023-12-31");
    assertThatThrownBy(() -> Day.parseAll(List.of("2023-12-31", "20240101")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Cannot read day 20240101: write days as yyyy-MM-dd");
  }

  @Test
  void boundsLeftEmptyAreOpenAndTheBoundThatLimitsMoreWins() {
    Optional<Day> first = Optional.of(Day.parse("2023-11-02"));
    Optional<Day> last = Optional.of(Day.parse("2023-11-04"));
    assertThat(Day.parse("2023-11-02").within(first, last)).as("the first day itself").isTrue();
    assertThat(Day.parse("2023-11-04").within(first, last)).as("the last day itself").isTrue();
    assertThat(Day.parse("2023-11-01").within(first, last)).isFalse();
    assertThat(Day.parse("2023-11-05").within(first, last)).isFalse();
    assertThat(Day.parse("1970-01-01").within(Optional.empty(), last)).isTrue();
    assertThat(Day.parse("2099-12-31").within(first, Optional.empty())).isTrue();
    assertThat(Day.parse("2099-12-31").within(Optional.empty(), Optional.empty())).isTrue();

    assertThat(Day.later(first, last)).isEqualTo(last);
    assertThat(Day.later(last, first)).isEqualTo(last);
    assertThat(Day.later(Optional.empty(), first)).isEqualTo(first);
    assertThat(Day.later(first, Optional.empty())).isEqualTo(first);
    assertThat(Day.earlier(first, last)).isEqualTo(first);
    assertThat(Day.earlier(last, first)).isEqualTo(first);
    assertThat(Day.earlier(Optional.empty(), last)).isEqualTo(last);
    assertThat(Day.earlier(Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void onlyARealDayWrittenYearMonthDayIsRead() {
    assertThatThrownBy(() -> Day.parse("2023-02-30")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read day 2023-02-30: write days as yyyy-MM-dd");
    assertThatThrownBy(() -> Day.parse("2023-02-29")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read day 2023-02-29: write days as yyyy-MM-dd");
    assertThatThrownBy(() -> Day.parse("2023-1-01")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read day 2023-1-01: write days as yyyy-MM-dd");
    assertThatThrownBy(() -> Day.parse("20231101")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read day 20231101: write days as yyyy-MM-dd");
    assertThatThrownBy(() -> Day.parse("+10000-01-01")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read day +10000-01-01: write days as yyyy-MM-dd");
    assertThatThrownBy(() -> Day.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("text is null");
    assertThatThrownBy(() -> new Day(null)).isInstanceOf(NullPointerException.class).hasMessage("date is null");
  }

  @Test
  void daysStepAcrossMonthsAndYears() {
    assertThat(Day.parse("2023-12-31").plusDays(1)).hasToString("2024-01-01");
    assertThat(Day.parse("2023-12-30").plusDays(3)).hasToString("2024-01-02");
    assertThat(Day.parse("2024-01-01").plusDays(-1)).hasToString("2023-12-31");
    assertThat(Day.parse("2024-02-28").plusDays(1)).hasToString("2024-02-29");
    assertThat(Day.parse("2023-02-28").plusDays(1)).hasToString("2023-03-01");
    assertThat(Day.parse("2023-11-01").plusDays(0)).isEqualTo(Day.parse("2023-11-01"));
  }

  @Test
  void aDayIsCountedFromTheEpochAndStartsAtMidnightUtc() {
    assertThat(Day.parse("1970-01-01").epochDay()).isZero();
    assertThat(Day.parse("1969-12-31").epochDay()).isEqualTo(-1);
    assertThat(Day.parse("2023-11-01").epochDay()).isEqualTo(19_662);
    assertThat(Day.ofEpochDay(19_662)).hasToString("2023-11-01");
    assertThat(Day.parse("2023-11-01").startMillis()).isEqualTo(1_698_796_800_000L);
    assertThat(Day.ofEpochMillis(1_698_796_800_000L)).hasToString("2023-11-01");
    assertThat(Day.ofEpochMillis(1_698_796_799_999L)).hasToString("2023-10-31");
    assertThat(Day.ofEpochMillis(1_698_883_199_999L)).hasToString("2023-11-01");
    assertThat(Day.ofEpochMillis(0)).hasToString("1970-01-01");
    assertThat(Day.ofEpochMillis(-1)).hasToString("1969-12-31");
  }

  @Test
  void yearsOutsideFourDigitsAreWrittenAsThePartitionValuesAre() {
    assertThat(Day.ofEpochDay(-719_528)).hasToString("0000-01-01");
    assertThat(Day.parse("9999-12-31").plusDays(1)).hasToString("+10000-01-01");
    assertThat(Day.parse("0000-01-01").plusDays(-1)).hasToString("-0001-12-31");
  }

  @Test
  void daysSortByTheCalendar() {
    Day first = Day.parse("2023-12-31");
    Day second = Day.parse("2024-01-01");
    List<Day> days = new ArrayList<>(List.of(second, Day.parse("2024-01-10"), first));
    Collections.sort(days);

    assertThat(days).containsExactly(first, second, Day.parse("2024-01-10"));
    assertThat(first.isBefore(second)).isTrue();
    assertThat(first.isAfter(second)).isFalse();
    assertThat(second.isAfter(first)).isTrue();
    assertThat(first.isBefore(first)).isFalse();
    assertThat(first.isAfter(first)).isFalse();
    assertThat(first.compareTo(Day.parse("2023-12-31"))).isZero();
    assertThat(second.compareTo(first)).isPositive();
  }
}
