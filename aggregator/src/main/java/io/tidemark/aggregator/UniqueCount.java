package io.tidemark.aggregator;

import java.util.HashMap;
import java.util.Map;

/**
 * UNIQUE_COUNT: the number of distinct non-null values, exactly; with a bound (BOUNDED_UNIQUE_COUNT) the count stops
 * growing at the bound, and unwindowed no more than the bound values are kept.
 */
final class UniqueCount implements ColumnAggregator {
  static final int UNBOUNDED = Integer.MAX_VALUE;

  private final int bound;
  private final Eviction eviction;
  private final Map<Object, Integer> counts = new HashMap<>();

  UniqueCount(int bound, Eviction eviction) {
    this.bound = bound;
    this.eviction = eviction;
  }

  @Override
  public void add(long sequence, Object value) {
    if (value == null || (eviction == Eviction.NONE && counts.size() >= bound)) {
      return;
    }
    counts.merge(Values.hashable(value), 1, Integer::sum);
  }

  @Override
  public void remove(long sequence, Object value) {
    if (value != null) {
      counts.computeIfPresent(Values.hashable(value), (ignored, count) -> count == 1 ? null : count - 1);
    }
  }

  @Override
  public void retract(Object value) {
    remove(0, value);
  }

  @Override
  public Object result() {
    return counts.isEmpty() ? null : (long) Math.min(counts.size(), bound);
  }

  @Override
  public void reset() {
    counts.clear();
  }
}
