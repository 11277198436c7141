package io.tidemark.engine;

/** What a backfill does to its output table as a whole, before filling the days it lacks. */
public enum OutputTableState {
  /** The table does not exist; the first step creates it, atomically with its data. */
  NEW,
  /** The table exists with the columns this definition produces; missing partitions are added. */
  EXISTING,
  /**
   * The table exists, but parts or bootstrap sources changed: its columns follow the definition, and what changed is
   * recomputed for the rows it has.
   */
  EVOLVED,
  /** The left source or the row ids changed: the table is archived (kept under another name) and built anew. */
  REBUILT
}
