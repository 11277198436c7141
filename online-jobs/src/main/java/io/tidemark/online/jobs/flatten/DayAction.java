package io.tidemark.online.jobs.flatten;

/** What a flatten run does with one day of the raw log. */
public enum DayAction {
  /** The log table does not have the day yet: it is written. */
  WRITE,
  /** Records arrived since the day was flattened: the day is written again, replacing it whole. */
  REPLACE,
  /** The raw files are as they were when the day was flattened: nothing to do. */
  KEEP
}
