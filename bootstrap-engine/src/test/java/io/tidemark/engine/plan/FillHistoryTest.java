package io.tidemark.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.MetaData;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FillHistoryTest {
  private static final SortedSet<String> DAYS =
      new TreeSet<>(List.of("2024-01-01", "2024-01-02", "2024-01-04", "2024-01-06"));

  @Test
  void everyDayIsFillableWithHistory() {
    assertThat(FillHistory.days(MetaData.History.ALL_DAYS, DAYS, "2024-01-02", "2024-01-04")).isEqualTo(DAYS);
  }

  @Test
  void withoutHistoryOnlyTheLatestDayInRangeIsFillable() {
    assertThat(FillHistory.days(MetaData.History.LATEST_DAY, DAYS, null, null)).containsExactly("2024-01-06");
    assertThat(FillHistory.days(MetaData.History.LATEST_DAY, DAYS, null, "2024-01-05")).containsExactly("2024-01-04");
    assertThat(FillHistory.days(MetaData.History.LATEST_DAY, DAYS, "2024-01-02", "2024-01-02"))
        .containsExactly("2024-01-02");
  }

  @Test
  void withoutHistoryARangeWithoutDaysHasNothingToFill() {
    assertThat(FillHistory.days(MetaData.History.LATEST_DAY, DAYS, "2024-01-07", null)).isEmpty();
  }
}
