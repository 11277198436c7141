package io.tidemark.aggregator;

/**
 * The running state of one output column for the key being swept. Values arrive in event-time order, each with a
 * sequence number that grows by one per event; a windowed column later receives {@link #remove} for the same events,
 * oldest first, as they leave the window. NULL values are passed in too and must be skipped.
 */
public interface ColumnAggregator {
  void add(long sequence, Object value);

  /** Takes back a value added earlier; calls come in the order the values were added. */
  void remove(long sequence, Object value);

  /** The column's value now, or null when no non-null value is held (an empty window is NULL, even for COUNT). */
  Object result();

  /** Forgets everything, for the next key. */
  void reset();
}
