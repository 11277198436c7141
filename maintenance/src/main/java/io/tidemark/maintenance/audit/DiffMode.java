package io.tidemark.maintenance.audit;

/** How a diff is asked to find the rows that differ; the answer is the same either way, only the work differs. */
public enum DiffMode {
  /**
   * Compare on their values only the rows that Iceberg row lineage shows changed between the two points, where both
   * points have row lineage (format version 3); compare every row otherwise.
   */
  AUTO,
  /** Compare every row of both points on the row key, whatever the table's format. */
  FULL
}
