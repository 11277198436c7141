package io.tidemark.engine.plan;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.MetaData;
import io.tidemark.api.time.Day;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which of the input's days a backfill may fill: all of them, or, for a definition with Chronon's
 * {@code historicalBackfill: false}, only the latest one in range, so that it produces from its first run on without
 * computing the past.
 */
public final class FillHistory {
  private FillHistory() {}

  /**
   * The days of {@code available} that {@code history} lets a backfill fill; {@code start} and {@code end} (inclusive,
   * empty for open) bound the range.
   */
  public static SortedSet<Day> days(MetaData.History history, SortedSet<Day> available, Optional<Day> start,
      Optional<Day> end) {
    requireNonNull(history, "history is null");
    if (history == MetaData.History.ALL_DAYS) {
      return available;
    }
    SortedSet<Day> latest = new TreeSet<>();
    available.stream()
        .filter(day -> day.within(start, end))
        .reduce((earlier, later) -> later)
        .ifPresent(latest::add);
    return latest;
  }
}
