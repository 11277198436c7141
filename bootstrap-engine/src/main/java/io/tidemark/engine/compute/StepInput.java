package io.tidemark.engine.compute;

import static io.tidemark.api.Preconditions.checkArgument;

import io.tidemark.api.time.Day;
import java.util.List;

/**
 * The left rows of one backfill step, summarized before computing: which days have rows, and the span of their times,
 * which bounds the partitions each join part reads.
 *
 * @param days the step's days that have left rows
 * @param emptyDays the step's days whose left rows were all filtered out
 * @param rows how many left rows the step has
 * @param minTime the earliest left time (epoch milliseconds; for entities on the left, the start of the first day)
 * @param maxTime the latest left time (for entities on the left, the start of the last day)
 * @param nullTimes how many left rows have no time (always 0 for entities on the left), which no window can place
 */
public record StepInput(List<Day> days, List<Day> emptyDays, long rows, long minTime, long maxTime,
    long nullTimes) {
  public StepInput {
    days = List.copyOf(days);
    emptyDays = List.copyOf(emptyDays);
    checkArgument(minTime <= maxTime, "Cannot bound a step by times %s..%s", minTime, maxTime);
    checkArgument(nullTimes >= 0, "Cannot count %s rows without a time", nullTimes);
  }

  /** The same days and times, for {@code count} of their rows (a subset still needing computation). */
  public StepInput withRows(long count) {
    return new StepInput(days, emptyDays, count, minTime, maxTime, nullTimes);
  }

  public boolean hasRows() {
    return !days.isEmpty();
  }

  /** The step's last day with rows; events that arrived late, up to that day, are still read. */
  Day lastDay() {
    return days.get(days.size() - 1);
  }
}
