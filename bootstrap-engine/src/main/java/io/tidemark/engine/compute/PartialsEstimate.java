package io.tidemark.engine.compute;

import static io.tidemark.api.Preconditions.checkArgument;

/**
 * What reading daily partial aggregates would cost a step, against reading its raw events, in rows counted from table
 * metadata: how {@code tidemark.partials: auto} chooses, for a table that holds the partials of the GroupBy as it is
 * now.
 *
 * @param partialRows the rows of the pieces of partials the table holds, plus the raw events at the windows' ends
 * @param daysToBuild how many of the days the step needs the table lacks, or holds from a source partition that has
 *     changed since
 * @param eventsToBuild the raw events of those days
 * @param rawRows the raw events the step reads without partials
 */
record PartialsEstimate(long partialRows, int daysToBuild, long eventsToBuild, long rawRows) {
  /**
   * What a day to build costs per event, in rows read: a build reads the day's events, sorts them and writes their
   * partials, which the step then reads back (at most a row per event). On the partials benchmark at scale M, building
   * 60 days and the run reading them cost about three times the same run on raw events (2.8 to 3.1 in recent runs).
   */
  static final long BUILD_WEIGHT = 3;

  PartialsEstimate {
    checkArgument(partialRows >= 0 && daysToBuild >= 0 && eventsToBuild >= 0 && rawRows >= 0,
        "Cannot estimate partials from negative counts: %s, %s, %s, %s", partialRows, daysToBuild, eventsToBuild,
        rawRows);
  }

  /** The rows the partials path costs: those it reads, and each day to build at {@link #BUILD_WEIGHT} its events. */
  long partialsCost() {
    return partialRows + BUILD_WEIGHT * eventsToBuild;
  }

  /** Whether the partials cost fewer rows than the raw events; on a tie, the raw events, which build nothing. */
  boolean partialsCheaper() {
    return partialsCost() < rawRows;
  }
}
