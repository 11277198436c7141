package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;

import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;

/**
 * The instants from {@code from} (included) to {@code until} (excluded), in epoch milliseconds. For ranges that start
 * and end at midnight, {@link #dayRange} names the UTC days they cover.
 */
public record TimeRange(long from, long until) {
  public TimeRange {
    checkArgument(from < until, "Cannot create time range [%s, %s): it is empty", from, until);
  }

  public boolean contains(long time) {
    return from <= time && time < until;
  }

  /** The UTC days of the first and the last instant, and those between. */
  public DayRange dayRange() {
    return new DayRange(Day.ofEpochMillis(from), Day.ofEpochMillis(until - 1));
  }

  @Override
  public String toString() {
    return "[" + from + ", " + until + ")";
  }
}
