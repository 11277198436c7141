package io.tidemark.engine;

import static io.tidemark.api.Preconditions.checkArgument;

/**
 * The days a backfill may fill, both inclusive (null means the left table's first or last partition), and how many
 * days each step (one commit) spans.
 */
public record BackfillRange(String startDs, String endDs, int stepDays) {
  /** Thirty days per step, as Chronon's default: big enough to amortize the scans, small enough to retry. */
  public static final int DEFAULT_STEP_DAYS = 30;

  public BackfillRange {
    checkArgument(stepDays > 0, "Cannot backfill in steps of %s days: use 1 or more", stepDays);
    checkArgument(startDs == null || endDs == null || startDs.compareTo(endDs) <= 0,
        "Cannot backfill from %s to %s: the start is after the end", startDs, endDs);
  }

  public static BackfillRange all() {
    return new BackfillRange(null, null, DEFAULT_STEP_DAYS);
  }
}
