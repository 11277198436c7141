package io.tidemark.engine;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.MetaData;

/**
 * The days a backfill may fill, both inclusive (null means the left table's first or last partition), how many days
 * each step (one commit) spans, whether that size was chosen or is the default a definition may replace, and whether
 * days the table already has are computed again.
 */
public record BackfillRange(String startDs, String endDs, int stepDays, Refill refill, StepSize stepSize) {
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
    requireNonNull(refill, "refill is null");
    requireNonNull(stepSize, "stepSize is null");
    checkArgument(stepDays > 0, "Cannot backfill in steps of %s days: use 1 or more", stepDays);
    checkArgument(startDs == null || endDs == null || startDs.compareTo(endDs) <= 0,
        "Cannot backfill from %s to %s: the start is after the end", startDs, endDs);
  }

  /** A range in steps of {@code stepDays}, whatever the definition asks for. */
  public BackfillRange(String startDs, String endDs, int stepDays, Refill refill) {
    this(startDs, endDs, stepDays, refill, StepSize.GIVEN);
  }

  /** Only the days of the range that the table does not have yet. */
  public BackfillRange(String startDs, String endDs, int stepDays) {
    this(startDs, endDs, stepDays, Refill.MISSING);
  }

  /** A range in steps of the definition's size, else {@link #DEFAULT_STEP_DAYS}. */
  public static BackfillRange withDefaultSteps(String startDs, String endDs, Refill refill) {
    return new BackfillRange(startDs, endDs, DEFAULT_STEP_DAYS, refill, StepSize.DEFAULT);
  }

  public static BackfillRange all() {
    return withDefaultSteps(null, null, Refill.MISSING);
  }

  /** This range in the steps {@code metaData} asks for (Chronon's customJson {@code --step-days}), unless given. */
  public BackfillRange forDefinition(MetaData metaData) {
    if (stepSize == StepSize.GIVEN || metaData.definedStepDays().isEmpty()) {
      return this;
    }
    return new BackfillRange(startDs, endDs, metaData.definedStepDays().get(), refill, StepSize.GIVEN);
  }
}
