package io.tidemark.online.jobs.flatten;

/** What a flatten run does to the log table's schema before writing. */
public enum TableAction {
  /** The table does not exist: it is created with every column. */
  CREATE,
  /** Schema versions added fields: their columns are added, in first-seen order. */
  ADD_COLUMNS,
  /** The table has every column already. */
  KEEP
}
