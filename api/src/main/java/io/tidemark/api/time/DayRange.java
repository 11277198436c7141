package io.tidemark.api.time;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The days from {@code first} to {@code last}, both included, written {@code yyyy-MM-dd}: the days a step computes,
 * a commit wrote, or a label version covers. Cannot be built empty, reversed or with a day that is not one, so a range
 * needs no sentinel for "no days" (use an empty {@code Optional}) and no check where it is used.
 */
public record DayRange(String first, String last) {
  public DayRange {
    requireNonNull(first, "first is null");
    requireNonNull(last, "last is null");
    checkArgument(PartitionDates.isValid(first) && PartitionDates.isValid(last),
        "Cannot create day range %s..%s: write days as yyyy-MM-dd", first, last);
    checkArgument(first.compareTo(last) <= 0, "Cannot create day range %s..%s: the first day is after the last",
        first, last);
  }

  /** The single day {@code day}. */
  public static DayRange of(String day) {
    return new DayRange(day, day);
  }

  /** From the first to the last of {@code days}, which must not be empty; the days between need not be among them. */
  public static DayRange spanning(Collection<String> days) {
    checkArgument(!days.isEmpty(), "Cannot span no days");
    return new DayRange(Collections.min(days), Collections.max(days));
  }

  /**
   * The runs of consecutive days among {@code days}, in order: {@code 11-01, 11-02, 11-03, 11-05} gives
   * {@code 11-01..11-03} and {@code 11-05}. None for no days.
   */
  public static List<DayRange> runs(Collection<String> days) {
    List<DayRange> runs = new ArrayList<>();
    String first = null;
    String previous = null;
    for (String day : new TreeSet<>(days)) {
      if (previous != null && !PartitionDates.plusDays(previous, 1).equals(day)) {
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
  public List<String> days() {
    List<String> days = new ArrayList<>();
    for (String day = first; day.compareTo(last) <= 0; day = PartitionDates.plusDays(day, 1)) {
      days.add(day);
    }
    return List.copyOf(days);
  }

  public boolean contains(String day) {
    return first.compareTo(day) <= 0 && day.compareTo(last) <= 0;
  }

  /** {@code first..last}, whatever the range: how commit summaries record it and the messages that quote them. */
  public String span() {
    return first + ".." + last;
  }

  /** The day alone for a one-day range, else {@link #span()}: for people. */
  @Override
  public String toString() {
    return first.equals(last) ? first : span();
  }
}
