package io.tidemark.aggregator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * TOP_K (largest first) or BOTTOM_K (smallest first), duplicates counted. Unwindowed a heap keeps the best k; windowed a
 * sorted multiset keeps the window's values, so leaving values are taken out in logarithmic time.
 */
final class TopK implements ColumnAggregator {
  private final int k;
  private final Eviction eviction;
  private final Comparator<Object> order;
  private final TreeMap<Object, Integer> window;
  private final PriorityQueue<Object> best;

  TopK(Extremum.Direction direction, int k, Eviction eviction) {
    this.k = k;
    this.eviction = eviction;
    this.order = Extremum.better(direction);
    this.window = new TreeMap<>(order);
    this.best = new PriorityQueue<>(k + 1, order.reversed());
  }

  @Override
  public void add(long sequence, Object value) {
    if (value == null) {
      return;
    }
    if (eviction == Eviction.OLDEST_FIRST) {
      window.merge(value, 1, Integer::sum);
      return;
    }
    best.add(value);
    if (best.size() > k) {
      best.poll();
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    if (value != null) {
      window.computeIfPresent(value, (ignored, count) -> count == 1 ? null : count - 1);
    }
  }

  @Override
  public void retract(Object value) {
    remove(0, value);
  }

  @Override
  public Object result() {
    List<Object> values = new ArrayList<>(k);
    if (eviction == Eviction.NONE) {
      values.addAll(best);
      values.sort(order);
    } else {
      for (Map.Entry<Object, Integer> entry : window.entrySet()) {
        for (int i = 0; i < entry.getValue() && values.size() < k; i++) {
          values.add(entry.getKey());
        }
        if (values.size() == k) {
          break;
        }
      }
    }
    return values.isEmpty() ? null : values;
  }

  @Override
  public void reset() {
    window.clear();
    best.clear();
  }
}
