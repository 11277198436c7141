package io.tidemark.aggregator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * TOP_K's or BOTTOM_K's partial: the k best values, best first, duplicates kept. The k best of a window are among the
 * k best of each of its days, so nothing else is needed. Encoded as a count and the tagged values, best first.
 */
final class TopKPartial implements Partial<List<Object>> {
  private final int k;
  private final Comparator<Object> order;

  TopKPartial(Extremum.Direction direction, int k) {
    this.k = k;
    this.order = Extremum.better(direction);
  }

  @Override
  public List<Object> empty() {
    return new ArrayList<>();
  }

  @Override
  public void add(List<Object> best, long time, Object value) {
    if (best.size() == k && order.compare(value, best.get(k - 1)) >= 0) {
      return;
    }
    int at = Collections.binarySearch(best, value, order);
    best.add(at < 0 ? -at - 1 : at, value);
    if (best.size() > k) {
      best.remove(k);
    }
  }

  @Override
  public List<Object> merge(List<Object> older, List<Object> newer) {
    List<Object> best = new ArrayList<>(Math.min(k, older.size() + newer.size()));
    int i = 0;
    int j = 0;
    while (best.size() < k && (i < older.size() || j < newer.size())) {
      boolean takeOlder = j == newer.size() || (i < older.size() && order.compare(older.get(i), newer.get(j)) <= 0);
      best.add(takeOlder ? older.get(i++) : newer.get(j++));
    }
    return best;
  }

  @Override
  public Object finish(List<Object> best) {
    return best.isEmpty() ? null : new ArrayList<>(best);
  }

  @Override
  public void write(List<Object> best, StateWriter out) {
    out.writeUnsigned(best.size());
    best.forEach(out::writeValue);
  }

  @Override
  public List<Object> read(StateReader in) {
    int size = in.readSize();
    List<Object> best = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      best.add(in.readValue());
    }
    return best;
  }
}
