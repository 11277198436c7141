package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@link PartialWindowEvaluator} needs to answer queries: the days whose partial aggregates it merges, as ranges
 * from midnight to midnight, and the time ranges of raw events it reads at the windows' ends. A planner reads only
 * these: the days' partitions of the partial-aggregate table, and the source partitions (filtered by time) of the raw
 * ranges. Both lists are sorted and their ranges neither overlap nor touch.
 *
 * <p>For queries spread over a span of time the needs are those of every instant of the span, rounded out to whole
 * ranges: a little more than some set of queries inside it needs, never less.
 */
public record PartialNeeds(List<TimeRange> days, List<TimeRange> rawEvents) {
  public PartialNeeds {
    days = List.copyOf(days);
    rawEvents = List.copyOf(rawEvents);
  }

  /** The needs of queries as of any instant from {@code firstQuery} to {@code lastQuery}, both included. */
  public static PartialNeeds of(List<AggregationPart> parts, long firstQuery, long lastQuery) {
    checkArgument(firstQuery <= lastQuery, "Cannot plan queries from %s to %s: the first is after the last",
        firstQuery, lastQuery);
    List<TimeRange> days = new ArrayList<>();
    List<TimeRange> raw = new ArrayList<>();
    for (AggregationPart part : parts) {
      WindowSplit first = WindowSplit.of(part.window(), firstQuery);
      WindowSplit last = WindowSplit.of(part.window(), lastQuery);
      // Every bound of a split moves forward with the query, so the span's needs run from the first query's lower
      // bounds to the last query's upper bounds.
      add(raw, first.startFrom(), last.startUntil());
      add(raw, first.endFrom(), last.endUntil());
      if (last.hasDays()) {
        add(days, first.firstDay() * WindowSplit.DAY, (last.lastDay() + 1) * WindowSplit.DAY);
      }
    }
    return new PartialNeeds(coalesce(days), coalesce(raw));
  }

  /** Whether the partial aggregates of {@code ds} (yyyy-MM-dd) are needed. */
  public boolean needsDay(String ds) {
    long start = PartitionDates.startMillis(ds);
    return days.stream().anyMatch(range -> range.contains(start));
  }

  /** Whether a raw event at {@code time} is needed. */
  public boolean needsEvent(long time) {
    return rawEvents.stream().anyMatch(range -> range.contains(time));
  }

  private static void add(List<TimeRange> ranges, long from, long until) {
    if (from < until) {
      ranges.add(new TimeRange(from, until));
    }
  }

  private static List<TimeRange> coalesce(List<TimeRange> ranges) {
    ranges.sort(Comparator.comparingLong(TimeRange::from));
    List<TimeRange> merged = new ArrayList<>();
    for (TimeRange range : ranges) {
      TimeRange previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (previous != null && range.from() <= previous.until()) {
        merged.set(merged.size() - 1, new TimeRange(previous.from(), Math.max(previous.until(), range.until())));
      } else {
        merged.add(range);
      }
    }
    return merged;
  }
}
