package io.tidemark.catalog;

/** Which of a table's snapshots a catalog serves, and so how earlier states of a table are read. */
public enum SnapshotHistory {
  /** Every snapshot the table's metadata keeps: earlier states are read by snapshot id, time or table tag. */
  ALL_SNAPSHOTS,
  /**
   * The current snapshot only (Nessie's Iceberg REST endpoint): earlier states are read through the catalog's own
   * tags, which name every table at one commit.
   */
  CURRENT_ONLY
}
