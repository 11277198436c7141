package io.tidemark.online.jobs.flatten;

import io.tidemark.api.time.Day;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides what each raw log day needs: days never flattened are written, days whose files changed are replaced. */
public final class FlattenPlanner {
  private FlattenPlanner() {}

  /**
   * @param raw the raw log's days
   * @param flattened what the log table holds
   * @param onlyDay the one day to consider, if the run names one
   */
  public static List<DayPlan> days(List<RawDay> raw, FlattenedDays flattened, Optional<Day> onlyDay) {
    List<DayPlan> days = new ArrayList<>();
    for (RawDay day : raw) {
      if (onlyDay.isPresent() && !onlyDay.get().equals(day.day())) {
        continue;
      }
      Optional<String> before = flattened.fingerprint(day.day());
      DayAction action = before.isEmpty() ? DayAction.WRITE
          : before.get().equals(day.fingerprint()) ? DayAction.KEEP : DayAction.REPLACE;
      days.add(new DayPlan(day, action));
    }
    return days;
  }
}
