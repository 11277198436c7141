package io.tidemark.engine;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.MetaData;
import io.tidemark.api.time.Day;
import java.util.Optional;

/**
 * The days a backfill may fill, both inclusive (an empty end is the left table's first or last partition), how many
 * days each step (one commit) spans, whether that size was chosen or is the default a definition may replace, and
 * whether days the table already has are computed again.
 */
public record BackfillRange(Optional<Day> start, Optional<Day> end, int stepDays, Refill refill, StepSize stepSize) {
  /** Where the step size comes from. */
  public enum StepSize {
    /** Chosen for this run (e.g. {@code --step-days}): it wins over the definition's. */
    GIVEN,
    /** {@link #DEFAULT_STEP_DAYS}, used only when the definition asks for no size of its own. */
    DEFAULT
  }

  /** Which days of the range a backfill writes. */
  public enum Refill {
    /** Only the days the table does not have yet: reruns and schedulers are safe. */
    MISSING,
    /**
     * Also the days the table has, each step replacing exactly its partitions in one commit (action
     * {@code recompute}): for late data or a fixed source.
     */
    RECOMPUTE
  }

  /** Thirty days per step, as Chronon's default: big enough to amortize the scans, small enough to retry. */
  public static final int DEFAULT_STEP_DAYS = 30;

  public BackfillRange {
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    requireNonNull(refill, "refill is null");
    requireNonNull(stepSize, "stepSize is null");
    checkArgument(stepDays > 0, "Cannot backfill in steps of %s days: use 1 or more", stepDays);
    checkArgument(start.isEmpty() || end.isEmpty() || !start.get().isAfter(end.get()),
        "Cannot backfill from %s to %s: the start is after the end", start.orElse(null), end.orElse(null));
  }

  /** A range in steps of {@code stepDays}, whatever the definition asks for. */
  public BackfillRange(Optional<Day> start, Optional<Day> end, int stepDays, Refill refill) {
    this(start, end, stepDays, refill, StepSize.GIVEN);
  }

  /** Only the days of the range that the table does not have yet. */
  public BackfillRange(Optional<Day> start, Optional<Day> end, int stepDays) {
    this(start, end, stepDays, Refill.MISSING);
  }

  /** A range in steps of the definition's size, else {@link #DEFAULT_STEP_DAYS}. */
  public static BackfillRange withDefaultSteps(Optional<Day> start, Optional<Day> end, Refill refill) {
    return new BackfillRange(start, end, DEFAULT_STEP_DAYS, refill, StepSize.DEFAULT);
  }

  public static BackfillRange all() {
    return withDefaultSteps(Optional.empty(), Optional.empty(), Refill.MISSING);
  }

  /** This range in the steps {@code metaData} asks for (Chronon's customJson {@code --step-days}), unless given. */
  public BackfillRange forDefinition(MetaData metaData) {
    if (stepSize == StepSize.GIVEN || metaData.definedStepDays().isEmpty()) {
      return this;
    }
    return new BackfillRange(start, end, metaData.definedStepDays().get(), refill, StepSize.GIVEN);
  }
}
