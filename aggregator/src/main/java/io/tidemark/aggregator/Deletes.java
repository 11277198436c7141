package io.tidemark.aggregator;

/** Whether a sweep's stream can take back earlier values (entity mutations that delete rows). */
public enum Deletes {
  NONE,
  /** Deletes are applied by the operations that can take a value back exactly; see {@link ColumnAggregator#retract}. */
  APPLIED
}
