package io.tidemark.api.time;

import java.util.Optional;

/**
 * Whether event times are what Tidemark reads them as: milliseconds since the epoch (UTC), between 1971 and 2099.
 * Times in seconds are the usual slip; as milliseconds they all fall in January 1970, so every window would see
 * nothing, silently. Like Chronon's analyzer, Tidemark checks the range before computing.
 */
public final class EventTimes {
  /** 1971-01-01T00:00Z. */
  public static final long EARLIEST_MILLIS = 31_536_000_000L;
  /** 2100-01-01T00:00Z, the first instant refused. */
  public static final long END_MILLIS = 4_102_444_800_000L;
  /** How far apart two event times can be: 47,117 days. */
  public static final long SPAN_MILLIS = END_MILLIS - EARLIEST_MILLIS;

  /** The last day event times fall on, 2099-12-31. */
  public static final String LAST_DAY = "2099-12-31";
  /** The first day event times fall on, 1971-01-01. */
  public static final String FIRST_DAY = "1971-01-01";

  private EventTimes() {}

  /** Whether {@code millis} is an event time Tidemark reads: from 1971-01-01 up to 2099-12-31 included, in UTC. */
  public static boolean contains(long millis) {
    return millis >= EARLIEST_MILLIS && millis < END_MILLIS;
  }

  /** The problem with times spanning {@code [min, max]}, for people; empty when they are all plausible. */
  public static Optional<String> problem(long min, long max) {
    if (contains(min) && contains(max)) {
      return Optional.empty();
    }
    String span = "range from " + min + " to " + max;
    if (min >= EARLIEST_MILLIS / 1000 && max < END_MILLIS / 1000) {
      return Optional.of(span + ", which look like seconds since the epoch: as milliseconds they fall on "
          + PartitionDates.dayOf(min) + ".." + PartitionDates.dayOf(max) + ", as seconds on "
          + PartitionDates.dayOf(min * 1000) + ".." + PartitionDates.dayOf(max * 1000));
    }
    return Optional.of(span + " (" + PartitionDates.dayOf(min) + ".." + PartitionDates.dayOf(max) + "), outside "
        + "the years 1971..2099 that event times in milliseconds since the epoch fall in");
  }
}
