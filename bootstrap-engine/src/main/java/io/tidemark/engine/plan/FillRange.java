package io.tidemark.engine.plan;

import static io.tidemark.api.Preconditions.checkArgument;

import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which partitions a backfill fills and in which steps: every day of the input inside the requested range that the
 * output does not have yet, cut into steps that each span at most {@code stepDays} days and commit on their own.
 */
public record FillRange(String start, String end, List<String> missing, List<List<String>> steps) {
  /** Whether a step may skip days the output already has. */
  public enum Steps {
    /** A step holds the missing days within its span, with or without gaps between them. */
    WITHIN_SPAN,
    /** A step is a run of consecutive days (a staging query is rendered for one range). */
    CONTIGUOUS
  }

  public FillRange {
    missing = List.copyOf(missing);
    steps = steps.stream().map(List::copyOf).toList();
  }

  /**
   * @param leftPartitions the days the left table has data for
   * @param outputPartitions the days the output already holds
   * @param start first day to fill (inclusive), or null for the first left partition
   * @param end last day to fill (inclusive), or null for the last left partition
   */
  public static FillRange plan(
      SortedSet<String> leftPartitions, Set<String> outputPartitions, String start, String end, int stepDays) {
    return plan(leftPartitions, outputPartitions, start, end, stepDays, Steps.WITHIN_SPAN);
  }

  public static FillRange plan(SortedSet<String> leftPartitions, Set<String> outputPartitions, String start,
      String end, int stepDays, Steps shape) {
    checkArgument(stepDays > 0, "Cannot plan steps of %s days: the step must be at least one day", stepDays);
    String from = start != null ? start : leftPartitions.isEmpty() ? null : leftPartitions.first();
    String to = end != null ? end : leftPartitions.isEmpty() ? null : leftPartitions.last();
    SortedSet<String> missing = new TreeSet<>();
    if (from != null && to != null && from.compareTo(to) <= 0) {
      for (String day : PartitionDates.within(leftPartitions, from, to)) {
        if (!outputPartitions.contains(day)) {
          missing.add(day);
        }
      }
    }
    List<List<String>> steps = new ArrayList<>();
    List<String> step = new ArrayList<>();
    String stepLimit = null;
    for (String day : missing) {
      boolean gap = shape == Steps.CONTIGUOUS && !step.isEmpty()
          && !day.equals(PartitionDates.plusDays(step.get(step.size() - 1), 1));
      if (stepLimit != null && (day.compareTo(stepLimit) > 0 || gap)) {
        steps.add(step);
        step = new ArrayList<>();
      }
      if (step.isEmpty()) {
        stepLimit = PartitionDates.plusDays(day, stepDays - 1L);
      }
      step.add(day);
    }
    if (!step.isEmpty()) {
      steps.add(step);
    }
    return new FillRange(from, to, List.copyOf(missing), steps);
  }

  public boolean isEmpty() {
    return missing.isEmpty();
  }
}
