package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import java.time.Instant;
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
    assertThat(needs.days().get(0).firstDay()).isEqualTo("2023-11-02");
    assertThat(needs.days().get(0).lastDay()).isEqualTo("2023-11-02");
    assertThat(needs.rawEvents())
        .containsExactly(new TimeRange(DAY_1 + 10 * HOUR, DAY_2), new TimeRange(DAY_3, DAY_3 + 10 * HOUR));
    assertThat(needs.needsDay("2023-11-01")).isFalse();
    assertThat(needs.needsDay("2023-11-02")).isTrue();
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
    assertThat(needs.days().get(0).firstDay()).isEqualTo("1971-01-01");
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

  private static AggregationPart sum(Window window) {
    return new AggregationPart("x", Operation.SUM, Map.of(), window);
  }
}
