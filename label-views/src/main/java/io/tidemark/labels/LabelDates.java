package io.tidemark.labels;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;

/**
 * The day arithmetic of labels. A run for {@code label_ds} labels the left days
 * {@code [label_ds - (leftStartOffset - 1), label_ds - (leftEndOffset - 1)]}; an aggregated label with a window of
 * {@code W} days aggregates the events of {@code [label_ds + 1 - W, label_ds + 1)}, the window that ends as
 * {@code label_ds} does.
 */
public final class LabelDates {
  private LabelDates() {}

  /** The left days a run for {@code labelDs} labels. */
  public static DayRange leftDays(Day labelDs, LabelPart labelPart) {
    requireNonNull(labelPart, "labelPart is null");
    return leftDays(labelDs, labelPart.leftStartOffset(), labelPart.leftEndOffset());
  }

  /** The left days a run for {@code labelDs} labels, for offsets {@code start >= end}. */
  public static DayRange leftDays(Day labelDs, int leftStartOffset, int leftEndOffset) {
    checkArgument(leftStartOffset >= leftEndOffset, "Cannot label with leftStartOffset %s before leftEndOffset %s",
        leftStartOffset, leftEndOffset);
    return new DayRange(labelDs.plusDays(1L - leftStartOffset), labelDs.plusDays(1L - leftEndOffset));
  }

  /** The days whose events an aggregated label of {@code windowDays} reads for {@code labelDs}. */
  public static DayRange labelWindow(Day labelDs, int windowDays) {
    checkArgument(windowDays > 0, "Cannot create a label window of %s days: use 1 or more", windowDays);
    return new DayRange(labelDs.plusDays(1L - windowDays), labelDs);
  }

  /** The start (inclusive) of {@link #labelWindow} in epoch milliseconds. */
  public static long windowStartMillis(Day labelDs, int windowDays) {
    return labelWindow(labelDs, windowDays).first().startMillis();
  }

  /** The end (exclusive) of every label window for {@code labelDs}: the midnight after it, in epoch milliseconds. */
  public static long windowEndMillis(Day labelDs) {
    return labelDs.plusDays(1).startMillis();
  }
}
