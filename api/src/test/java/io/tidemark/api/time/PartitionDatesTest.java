package io.tidemark.api.time;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class PartitionDatesTest {
  @Test
  void daysAreUtcAndStrictlyFormatted() {
    assertThat(PartitionDates.isValid("2023-11-30")).isTrue();
    assertThat(PartitionDates.isValid("2023-11-31")).isFalse();
    assertThat(PartitionDates.isValid("2023-1-3")).isFalse();
    assertThat(PartitionDates.isValid("20231103")).isFalse();
    assertThat(PartitionDates.isValid(null)).isFalse();
  }

  @Test
  void dayBoundariesAreMidnightUtc() {
    long midnight = Instant.parse("2023-11-03T00:00:00Z").toEpochMilli();
    assertThat(PartitionDates.startMillis("2023-11-03")).isEqualTo(midnight);
    assertThat(PartitionDates.dayOf(midnight)).isEqualTo("2023-11-03");
    assertThat(PartitionDates.dayOf(midnight - 1)).isEqualTo("2023-11-02");
    assertThat(PartitionDates.startOfDayMillis(midnight + 43_200_000L)).isEqualTo(midnight);
    assertThat(PartitionDates.startOfDayMillis(-1)).isEqualTo(-86_400_000L);
    assertThat(PartitionDates.plusDays("2023-11-30", 1)).isEqualTo("2023-12-01");
    assertThat(PartitionDates.plusDays("2023-03-01", -1)).isEqualTo("2023-02-28");
  }

  /** Days are written and read by hand in hot loops: they must agree with java.time's own yyyy-MM-dd everywhere. */
  @Test
  void daysAreWrittenAndReadAsJavaTimeWritesThem() {
    DateTimeFormatter javaTime = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    long first = LocalDate.of(-2, 12, 25).toEpochDay();
    long last = LocalDate.of(10001, 1, 3).toEpochDay();
    for (long day = first; day <= last; day += day < LocalDate.of(2, 1, 1).toEpochDay() ? 1 : 13) {
      LocalDate date = LocalDate.ofEpochDay(day);
      String written = javaTime.format(date);
      assertThat(PartitionDates.dayOf(day * PartitionDates.DAY_MILLIS + 86_399_999L)).isEqualTo(written);
      assertThat(PartitionDates.format(date)).isEqualTo(written);
      assertThat(PartitionDates.parse(written)).isEqualTo(date);
    }
    assertThat(PartitionDates.format(LocalDate.of(9999, 12, 31))).isEqualTo("9999-12-31");
    assertThat(PartitionDates.format(LocalDate.of(10000, 1, 1))).isEqualTo("+10000-01-01");
    assertThat(PartitionDates.format(LocalDate.of(0, 1, 1))).isEqualTo("0000-01-01");
    assertThat(PartitionDates.dayOf(-1)).isEqualTo("1969-12-31");
  }

  @Test
  void daysThatDoNotExistAreRefusedByTheFormatter() {
    assertThatThrownBy(() -> PartitionDates.parse("2023-02-29")).isInstanceOf(DateTimeParseException.class)
        .hasMessageContaining("2023-02-29");
    assertThatThrownBy(() -> PartitionDates.parse("2023-13-01")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> PartitionDates.parse("2023-1-01")).isInstanceOf(DateTimeParseException.class);
    assertThat(PartitionDates.parse("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(PartitionDates.isValid("2023-02-29")).isFalse();
    assertThat(PartitionDates.isValid("+10000-01-01")).isFalse();
  }

  @Test
  void windowLengthsAreExactMilliseconds() {
    assertThat(Window.days(30).millis()).isEqualTo(30L * 24 * 3600 * 1000);
    assertThat(Window.hours(12).millis()).isEqualTo(12L * 3600 * 1000);
    assertThat(Window.days(3).suffix()).isEqualTo("3d");
    assertThat(Window.hours(12).suffix()).isEqualTo("12h");
  }
}
