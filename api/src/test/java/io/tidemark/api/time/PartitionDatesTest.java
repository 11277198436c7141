package io.tidemark.api.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Window;
import java.time.Instant;
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

  @Test
  void windowLengthsAreExactMilliseconds() {
    assertThat(Window.days(30).millis()).isEqualTo(30L * 24 * 3600 * 1000);
    assertThat(Window.hours(12).millis()).isEqualTo(12L * 3600 * 1000);
    assertThat(Window.days(3).suffix()).isEqualTo("3d");
    assertThat(Window.hours(12).suffix()).isEqualTo("12h");
  }
}
