package io.tidemark.aggregator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HISTOGRAM: how often each string occurs, as a map to int counts. With k above 0 only the k most frequent entries are
 * reported; ties at the cut are broken by the string, so the answer does not depend on arrival order.
 */
final class Histogram implements ColumnAggregator {
  private final int k;
  private final Map<String, Integer> counts = new HashMap<>();

  Histogram(int k) {
    this.k = k;
  }

  @Override
  public void add(long sequence, Object value) {
    if (value != null) {
      counts.merge(value.toString(), 1, Integer::sum);
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    if (value != null) {
      counts.computeIfPresent(value.toString(), (ignored, count) -> count == 1 ? null : count - 1);
    }
  }

  @Override
  public void retract(Object value) {
    remove(0, value);
  }

  @Override
  public Object result() {
    return top(counts, k);
  }

  /** The {@code k} most frequent entries of {@code counts} (all when k is 0), or null when there are none. */
  static Map<String, Integer> top(Map<String, Integer> counts, int k) {
    if (counts.isEmpty()) {
      return null;
    }
    if (k <= 0 || counts.size() <= k) {
      return new LinkedHashMap<>(counts);
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    Map<String, Integer> top = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> entry : entries.subList(0, k)) {
      top.put(entry.getKey(), entry.getValue());
    }
    return top;
  }

  @Override
  public void reset() {
    counts.clear();
  }
}
