package io.tidemark.aggregator;

import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.time.PartitionDates;

/** The instant a left row's features are computed as of, by accuracy. */
public final class AsOf {
  private AsOf() {}

  /**
   * TEMPORAL: the left row's own time. SNAPSHOT: the midnight (UTC) that starts the left row's day, so the features
   * are those of the end of the previous day.
   */
  public static long of(Accuracy accuracy, long leftTime) {
    return accuracy == Accuracy.TEMPORAL ? leftTime : PartitionDates.startOfDayMillis(leftTime);
  }
}
