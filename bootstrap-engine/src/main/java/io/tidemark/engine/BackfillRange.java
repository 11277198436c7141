package io.tidemark.engine;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The days a backfill may fill, both inclusive (null means the left table's first or last partition), how many days
 * each step (one commit) spans, and whether days the table already has are computed again.
 */
public record BackfillRange(String startDs, String endDs, int stepDays, Refill refill) {
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
    checkArgument(stepDays > 0, "Cannot backfill in steps of %s days: use 1 or more", stepDays);
    checkArgument(startDs == null || endDs == null || startDs.compareTo(endDs) <= 0,
        "Cannot backfill from %s to %s: the start is after the end", startDs, endDs);
  }

  /** Only the days of the range that the table does not have yet. */
  public BackfillRange(String startDs, String endDs, int stepDays) {
    this(startDs, endDs, stepDays, Refill.MISSING);
  }

  public static BackfillRange all() {
    return new BackfillRange(null, null, DEFAULT_STEP_DAYS);
  }
}
