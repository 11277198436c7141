package io.tidemark.aggregator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * HISTOGRAM's partial: how often each string occurs (all of them: which k are the most frequent in a window cannot be
 * told from each day's most frequent), finished by {@link Histogram#top}. Encoded as a count of entries, then each
 * string and its count (unsigned varint), in string order.
 */
final class HistogramPartial implements Partial<Map<String, Integer>> {
  private final int k;

  HistogramPartial(int k) {
    this.k = k;
  }

  @Override
  public Map<String, Integer> empty() {
    return new HashMap<>();
  }

  @Override
  public void add(Map<String, Integer> counts, long time, Object value) {
    counts.merge(value.toString(), 1, Integer::sum);
  }

  @Override
  public Map<String, Integer> merge(Map<String, Integer> older, Map<String, Integer> newer) {
    Map<String, Integer> counts = new HashMap<>(older);
    newer.forEach((value, count) -> counts.merge(value, count, Integer::sum));
    return counts;
  }

  @Override
  public Object finish(Map<String, Integer> counts) {
    return Histogram.top(counts, k);
  }

  @Override
  public void write(Map<String, Integer> counts, StateWriter out) {
    out.writeUnsigned(counts.size());
    new TreeMap<>(counts).forEach((value, count) -> {
      out.writeString(value);
      out.writeUnsigned(count);
    });
  }

  @Override
  public Map<String, Integer> read(StateReader in) {
    int size = in.readSize();
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < size; i++) {
      String value = in.readString();
      counts.put(value, (int) in.readUnsigned());
    }
    return counts;
  }
}
