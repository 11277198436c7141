package io.tidemark.engine;

/** Whether a backfill creates the join's output table or adds to it. */
public enum OutputTableState {
  /** The table does not exist; the first step creates it, atomically with its data. */
  NEW,
  /** The table exists with the columns this definition produces; missing partitions are added. */
  EXISTING
}
