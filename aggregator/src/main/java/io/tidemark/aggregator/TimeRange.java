package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;

import io.tidemark.api.time.PartitionDates;

/**
 * The instants from {@code from} (included) to {@code until} (excluded), in epoch milliseconds. For ranges that start
 * and end at midnight, {@link #firstDay} and {@link #lastDay} name the UTC days they cover.
 */
public record TimeRange(long from, long until) {
  public TimeRange {
    checkArgument(from < until, "Cannot create time range [%s, %s): it is empty", from, until);
  }

  public boolean contains(long time) {
    return from <= time && time < until;
  }

  /** The day (yyyy-MM-dd, UTC) of the first instant. */
  public String firstDay() {
    return PartitionDates.dayOf(from);
  }

  /** The day (yyyy-MM-dd, UTC) of the last instant. */
  public String lastDay() {
    return PartitionDates.dayOf(until - 1);
  }

  @Override
  public String toString() {
    return "[" + from + ", " + until + ")";
  }
}
