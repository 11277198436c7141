package io.tidemark.aggregator;

import io.tidemark.api.definition.Window;
import io.tidemark.api.time.EventTimes;
import io.tidemark.api.time.PartitionDates;

/**
 * How the window of one query splits between raw events and whole UTC days: the raw events from the window's start to
 * the next midnight, the days in between (answered by their partial aggregates), and the raw events of the query's own
 * day before the query. A window that starts exactly at midnight has no raw start; a window that starts inside the
 * query's day is raw events only; an unwindowed aggregation has every day before the query's.
 *
 * @param startFrom the first instant of raw events at the window's start
 * @param startUntil the end (exclusive) of the raw events at the window's start; equal to startFrom when there are none
 * @param firstDay the first whole day, in days since the epoch
 * @param lastDay the last whole day; below firstDay when there are none
 * @param endFrom the first instant of the raw events of the query's day (the query's midnight)
 * @param endUntil the query's instant, or endFrom when the window starts inside the query's day
 */
record WindowSplit(long startFrom, long startUntil, long firstDay, long lastDay, long endFrom, long endUntil) {
  static final long DAY = PartitionDates.DAY_MILLIS;

  /** The split of {@code window} (null when unwindowed) as of {@code asOf}. */
  static WindowSplit of(Window window, long asOf) {
    long today = Math.floorDiv(asOf, DAY);
    long midnight = today * DAY;
    if (window == null) {
      long first = Math.floorDiv(EventTimes.EARLIEST_MILLIS, DAY);
      return new WindowSplit(midnight, midnight, first, today - 1, midnight, asOf);
    }
    long start = asOf - window.millis();
    if (start >= midnight) {
      return new WindowSplit(start, asOf, today, today - 1, asOf, asOf);
    }
    long firstWhole = Math.floorDiv(start + DAY - 1, DAY);
    return new WindowSplit(start, firstWhole * DAY, firstWhole, today - 1, midnight, asOf);
  }

  boolean hasDays() {
    return firstDay <= lastDay;
  }
}
