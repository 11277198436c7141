package io.tidemark.aggregator;

/**
 * The running state of one output column for the key being swept. Values arrive in event-time order, each with the
 * sequence number of its event (one event may carry several values, e.g. a flattened list). A windowed column is told
 * through {@link #remove} when events leave its window, oldest first. NULL values are passed in too and must be
 * skipped.
 */
public interface ColumnAggregator {
  void add(long sequence, Object value);

  /**
   * The event {@code sequence}, which carried {@code value}, has left the window, and so has every earlier event.
   * Aggregators that subtract use the value; the others drop whatever they hold up to that sequence.
   */
  void remove(long sequence, Object value);

  /**
   * Takes back a value added earlier, for an entity mutation that deletes a row. Operations that can do so exactly
   * (COUNT, SUM, AVERAGE, UNIQUE_COUNT, HISTOGRAM, TOP_K, BOTTOM_K) do; the others ignore deletes, as Chronon does.
   */
  default void retract(Object value) {}

  /** The column's value now, or null when no non-null value is held (an empty window is NULL, even for COUNT). */
  Object result();

  /** Forgets everything, for the next key. */
  void reset();
}
