package io.tidemark.engine.compute;

/** What the windows of a sweep are measured against. */
enum WindowTime {
  /** The time rows are swept in: an event's time. */
  ARRIVAL,
  /**
   * Each row's own time, carried beside the time it arrives at: TEMPORAL entities, whose mutations arrive in the day
   * they happen but may change a row of any time.
   */
  ROW
}
