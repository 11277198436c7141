package io.tidemark.labels;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import java.util.List;

/**
 * One label version to compute: its {@code label_ds}, the left days its offsets pick, and those of them that the
 * join's output has rows for (the others have nothing to label).
 */
public record LabelVersion(Day labelDs, DayRange leftDays, List<Day> daysWithRows) {
  public LabelVersion {
    requireNonNull(labelDs, "labelDs is null");
    requireNonNull(leftDays, "leftDays is null");
    daysWithRows = List.copyOf(daysWithRows);
  }

  public boolean hasRows() {
    return !daysWithRows.isEmpty();
  }
}
