package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.time.Day;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@link PartialWindowEvaluator} needs to answer queries: the days whose partial aggregates it merges, as ranges
 * from midnight to midnight, and the time ranges of raw events it reads at the windows' ends. A planner reads only
 * these: the days' partitions of the partial-aggregate table, and the source partitions (filtered by time) of the raw
 * ranges. Both lists are sorted and their ranges neither overlap nor touch.
 *
 * <p>For queries spread over a span of time the needs are those of every instant of the span, rounded out to whole
 * ranges: a little more than some set of queries inside it needs, never less.
 *
 * <p>The days are read as {@link #pieces}: single days where some query's range of whole days may begin or end (the
 * {@link #fineDays}), aligned blocks of days elsewhere. Since no block holds a day where a range may begin or end,
 * every query's range of whole days is exactly a union of pieces.
 *
 * @param fineDays the days whose partials some query may use without the day before or after it: from the first
 *     query's first whole day to the last query's, and from the first query's last whole day to the last query's, for
 *     each part; read one by one
 */
public record PartialNeeds(List<TimeRange> days, List<TimeRange> rawEvents, List<TimeRange> fineDays) {
  private static final long DAY = WindowSplit.DAY;

  public PartialNeeds {
    days = List.copyOf(days);
    rawEvents = List.copyOf(rawEvents);
    fineDays = List.copyOf(fineDays);
  }

  /** The needs of queries as of any instant from {@code firstQuery} to {@code lastQuery}, both included. */
  public static PartialNeeds of(List<AggregationPart> parts, long firstQuery, long lastQuery) {
    checkArgument(firstQuery <= lastQuery, "Cannot plan queries from %s to %s: the first is after the last",
        firstQuery, lastQuery);
    List<TimeRange> days = new ArrayList<>();
    List<TimeRange> raw = new ArrayList<>();
    List<TimeRange> fine = new ArrayList<>();
    for (AggregationPart part : parts) {
      WindowSplit first = WindowSplit.of(part.window(), firstQuery);
      WindowSplit last = WindowSplit.of(part.window(), lastQuery);
      // Every bound of a split moves forward with the query, so the span's needs run from the first query's lower
      // bounds to the last query's upper bounds.
      add(raw, first.startFrom(), last.startUntil());
      add(raw, first.endFrom(), last.endUntil());
      if (last.hasDays()) {
        add(days, first.firstDay() * DAY, (last.lastDay() + 1) * DAY);
        add(fine, first.firstDay() * DAY, (last.firstDay() + 1) * DAY);
        add(fine, first.lastDay() * DAY, (last.lastDay() + 1) * DAY);
      }
    }
    return new PartialNeeds(coalesce(days), coalesce(raw), coalesce(fine));
  }

  /** Whether the partial aggregates of {@code ds} (yyyy-MM-dd) are needed. */
  public boolean needsDay(Day day) {
    long start = day.startMillis();
    return days.stream().anyMatch(range -> range.contains(start));
  }

  /** Whether a raw event at {@code time} is needed. */
  public boolean needsEvent(long time) {
    return rawEvents.stream().anyMatch(range -> range.contains(time));
  }

  /**
   * The needed days tiled by the longest blocks that hold no {@link #fineDays fine day} and lie within the needed days,
   * single days elsewhere; in order, neither overlapping nor leaving gaps.
   */
  public List<PartialPiece> pieces() {
    return pieces(block -> true);
  }

  /**
   * As {@link #pieces()}, using only the blocks {@code stored} accepts: a block it refuses is tiled by the shorter
   * blocks and days inside it. Single days are always listed.
   */
  public List<PartialPiece> pieces(Predicate<PartialPiece> stored) {
    List<PartialPiece> pieces = new ArrayList<>();
    for (TimeRange range : days) {
      long lastDay = Math.floorDiv(range.until(), DAY) - 1;
      long day = Math.floorDiv(range.from(), DAY);
      while (day <= lastDay) {
        PartialPiece piece = longest(day, lastDay, stored);
        pieces.add(piece);
        day += piece.spanDays();
      }
    }
    return pieces;
  }

  private PartialPiece longest(long day, long lastDay, Predicate<PartialPiece> stored) {
    for (int span : PartialPiece.BLOCK_SPANS) {
      if (Math.floorMod(day, span) == 0 && day + span - 1 <= lastDay) {
        PartialPiece block = new PartialPiece(day, span);
        long from = day * DAY;
        long until = (day + span) * DAY;
        boolean fine = fineDays.stream().anyMatch(range -> range.from() < until && from < range.until());
        if (!fine && stored.test(block)) {
          return block;
        }
      }
    }
    return new PartialPiece(day, 1);
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
