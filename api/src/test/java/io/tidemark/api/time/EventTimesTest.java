package io.tidemark.api.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTimesTest {
  @Test
  void millisecondsBetween1971And2099AreAccepted() {
    // 2023-11-01T00:00Z and 2023-11-30T23:59:59.999Z
    assertThat(EventTimes.problem(1_698_796_800_000L, 1_701_388_799_999L)).isEmpty();
    assertThat(EventTimes.problem(EventTimes.EARLIEST_MILLIS, EventTimes.END_MILLIS - 1)).isEmpty();
  }

  @Test
  void secondsAreRecognizedAndBothReadingsShown() {
    // 1698796800 s is 2023-11-01T00:00Z; read as milliseconds it is 1970-01-20T15:53:16.8Z.
    assertThat(EventTimes.problem(1_698_796_800L, 1_701_388_799L)).hasValue("range from 1698796800 to 1701388799, "
        + "which look like seconds since the epoch: as milliseconds they fall on 1970-01-20..1970-01-20, as seconds on "
        + "2023-11-01..2023-11-30");
  }

  @Test
  void timesOutsideTheYearsAreRefused() {
    // 4102444800000 is 2100-01-01T00:00Z, the first refused instant; 0 is 1970-01-01.
    assertThat(EventTimes.problem(1_698_796_800_000L, EventTimes.END_MILLIS)).hasValue("range from 1698796800000 to "
        + "4102444800000 (2023-11-01..2100-01-01), outside the years 1971..2099 that event times in milliseconds since "
        + "the epoch fall in");
    assertThat(EventTimes.problem(0, 1_698_796_800_000L)).hasValue("range from 0 to 1698796800000 "
        + "(1970-01-01..2023-11-01), outside the years 1971..2099 that event times in milliseconds since the epoch "
        + "fall in");
  }
}
