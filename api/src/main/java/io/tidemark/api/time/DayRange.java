package io.tidemark.api.time;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The days from {@code first} to {@code last}, both included: the days a step computes, a commit wrote, or a label
 * version covers. Cannot be built empty or reversed, so a range needs no sentinel for "no days" (use an empty
 * {@code Optional}) and no check where it is used.
 */
public record DayRange(Day first, Day last) {
  public DayRange {
    requireNonNull(first, "first is null");
    requireNonNull(last, "last is null");
    checkArgument(!first.isAfter(last), "Cannot create day range %s..%s: the first day is after the last",
        first, last);
  }

  /** The single day {@code day}. */
  public static DayRange of(Day day) {
    return new DayRange(day, day);
  }

  /** From the first to the last of {@code days}, which must not be empty; the days between need not be among them. */
  public static DayRange spanning(Collection<Day> days) {
    checkArgument(!days.isEmpty(), "Cannot span no days");
    return new DayRange(Collections.min(days), Collections.max(days));
  }

  /**
   * The runs of consecutive days among {@code days}, in order: {@code 11-01, 11-02, 11-03, 11-05} gives
   * {@code 11-01..11-03} and {@code 11-05}. None for no days.
   */
  public static List<DayRange> runs(Collection<Day> days) {
    List<DayRange> runs = new ArrayList<>();
    Day first = null;
    Day previous = null;
    for (Day day : new TreeSet<>(days)) {
      if (previous != null && !previous.plusDays(1).equals(day)) {
        runs.add(new DayRange(first, previous));
        first = null;
      }
      first = first == null ? day : first;
      previous = day;
    }
    if (first != null) {
      runs.add(new DayRange(first, previous));
    }
    return List.copyOf(runs);
  }

  /** Every day of the range, in order. */
  public List<Day> days() {
    List<Day> days = new ArrayList<>();
    for (Day day = first; !day.isAfter(last); day = day.plusDays(1)) {
      days.add(day);
    }
    return List.copyOf(days);
  }

  public boolean contains(Day day) {
    return !day.isBefore(first) && !day.isAfter(last);
  }

  /** {@code first..last}, whatever the range: how commit summaries record it and the messages that quote them. */
  public String span() {
    return first + ".." + last;
  }

  /** The day alone for a one-day range, else {@link #span()}: for people. */
  @Override
  public String toString() {
    return first.equals(last) ? first.toString() : span();
  }
}
