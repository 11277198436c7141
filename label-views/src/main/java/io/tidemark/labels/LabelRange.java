package io.tidemark.labels;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;

/**
 * The label versions a run asks for: the {@code label_ds} days, and whether versions already in the label table are
 * computed again.
 */
public record LabelRange(DayRange labelDays, Versions versions) {
  /** Which of the range's versions a run computes. */
  public enum Versions {
    /** Every one, replacing those the table has: labels may have changed since. */
    ALL,
    /** Only those the table does not have yet. */
    MISSING
  }

  public LabelRange {
    requireNonNull(labelDays, "labelDays is null");
    requireNonNull(versions, "versions is null");
  }

  /** One label version, computed (again) whether or not the table has it. */
  public static LabelRange refresh(Day labelDs) {
    return new LabelRange(DayRange.of(labelDs), Versions.ALL);
  }

  /** The versions from {@code start} to {@code end} that the table does not have yet. */
  public static LabelRange fillMissing(Day start, Day end) {
    return new LabelRange(new DayRange(start, end), Versions.MISSING);
  }
}
