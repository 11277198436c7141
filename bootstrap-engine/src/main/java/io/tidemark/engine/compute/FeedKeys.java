package io.tidemark.engine.compute;

/** Whether a part's feed is cut down to the keys of the step's left rows before the sweep. */
enum FeedKeys {
  /**
   * Cut, by a broadcast of the left's distinct keys, where the feed is far larger than the left: a join's left holds
   * a few of the keys its GroupBys' events have.
   */
  CUT_TO_LEFT,
  /**
   * Read whole: the left rows are the GroupBy's own keys, found in the feed's events (or partials, or snapshots), so
   * a cut would remove nothing and cost a read of the left of its own.
   */
  WHOLE
}
