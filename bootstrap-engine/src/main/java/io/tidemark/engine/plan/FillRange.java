package io.tidemark.engine.plan;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which partitions a backfill fills and in which steps: every day of the input inside the requested range that the
 * output does not have yet, cut into steps that each span at most {@code stepDays} days and commit on their own.
 *
 * @param start the first day of the range, empty when neither asked for nor found in the input
 * @param end the last day of the range, empty when neither asked for nor found in the input
 */
public record FillRange(Optional<Day> start, Optional<Day> end, List<Day> missing, List<List<Day>> steps) {
  /** Whether a step may skip days the output already has. */
  public enum Steps {
    /** A step holds the missing days within its span, with or without gaps between them. */
    WITHIN_SPAN,
    /** A step is a run of consecutive days (a staging query is rendered for one range). */
    CONTIGUOUS
  }

  public FillRange {
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    missing = List.copyOf(missing);
    steps = steps.stream().map(List::copyOf).toList();
  }

  /**
   * @param leftPartitions the days the left table has data for
   * @param outputPartitions the days the output already holds
   * @param start first day to fill (inclusive), or empty for the first left partition
   * @param end last day to fill (inclusive), or empty for the last left partition
   */
  public static FillRange plan(SortedSet<Day> leftPartitions, Set<Day> outputPartitions, Optional<Day> start,
      Optional<Day> end, int stepDays) {
    return plan(leftPartitions, outputPartitions, start, end, stepDays, Steps.WITHIN_SPAN);
  }

  public static FillRange plan(SortedSet<Day> leftPartitions, Set<Day> outputPartitions, Optional<Day> start,
      Optional<Day> end, int stepDays, Steps shape) {
    checkArgument(stepDays > 0, "Cannot plan steps of %s days: the step must be at least one day", stepDays);
    Optional<Day> from = leftPartitions.isEmpty() ? start : start.or(() -> Optional.of(leftPartitions.first()));
    Optional<Day> to = leftPartitions.isEmpty() ? end : end.or(() -> Optional.of(leftPartitions.last()));
    SortedSet<Day> missing = new TreeSet<>();
    if (from.isPresent() && to.isPresent() && !from.get().isAfter(to.get())) {
      for (Day day : leftPartitions.subSet(from.get(), to.get().plusDays(1))) {
        if (!outputPartitions.contains(day)) {
          missing.add(day);
        }
      }
    }
    List<List<Day>> steps = new ArrayList<>();
    List<Day> step = new ArrayList<>();
    Day stepLimit = null;
    for (Day day : missing) {
      boolean gap = shape == Steps.CONTIGUOUS && !step.isEmpty()
          && !day.equals(step.get(step.size() - 1).plusDays(1));
      if (stepLimit != null && (day.isAfter(stepLimit) || gap)) {
        steps.add(step);
        step = new ArrayList<>();
      }
      if (step.isEmpty()) {
        stepLimit = day.plusDays(stepDays - 1L);
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
