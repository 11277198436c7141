package io.tidemark.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.MetaData;
import io.tidemark.api.time.Day;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FillHistoryTest {
  private static final SortedSet<Day> DAYS = new TreeSet<>(List.of(Day.parse("2024-01-01"), Day.parse("2024-01-02"),
      Day.parse("2024-01-04"), Day.parse("2024-01-06")));

  @Test
  void everyDayIsFillableWithHistory() {
    assertThat(FillHistory.days(MetaData.History.ALL_DAYS, DAYS, day("2024-01-02"), day("2024-01-04")))
        .isEqualTo(DAYS);
  }

  @Test
  void withoutHistoryOnlyTheLatestDayInRangeIsFillable() {
    assertThat(FillHistory.days(MetaData.History.LATEST_DAY, DAYS, Optional.empty(), Optional.empty()))
        .containsExactly(Day.parse("2024-01-06"));
    assertThat(FillHistory.days(MetaData.History.LATEST_DAY, DAYS, Optional.empty(), day("2024-01-05")))
        .containsExactly(Day.parse("2024-01-04"));
    assertThat(FillHistory.days(MetaData.History.LATEST_DAY, DAYS, day("2024-01-02"), day("2024-01-02")))
        .containsExactly(Day.parse("2024-01-02"));
  }

  @Test
  void withoutHistoryARangeWithoutDaysHasNothingToFill() {
    assertThat(FillHistory.days(MetaData.History.LATEST_DAY, DAYS, day("2024-01-07"), Optional.empty())).isEmpty();
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
