package io.tidemark.online.jobs.flatten;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides what each raw log day needs: days never flattened are written, days whose files changed are replaced. */
public final class FlattenPlanner {
  private FlattenPlanner() {}

  /**
   * @param raw the raw log's days
   * @param flattened what the log table holds
   * @param onlyDs the one day to consider, if the run names one
   */
  public static List<DayPlan> days(List<RawDay> raw, FlattenedDays flattened, Optional<String> onlyDs) {
    List<DayPlan> days = new ArrayList<>();
    for (RawDay day : raw) {
      if (onlyDs.isPresent() && !onlyDs.get().equals(day.ds())) {
        continue;
      }
      Optional<String> before = flattened.fingerprint(day.ds());
      DayAction action = before.isEmpty() ? DayAction.WRITE
          : before.get().equals(day.fingerprint()) ? DayAction.KEEP : DayAction.REPLACE;
      days.add(new DayPlan(day, action));
    }
    return days;
  }
}
