package io.tidemark.aggregator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * FIRST_K, and FIRST as its single-value form: the oldest k non-null values, oldest first. Unwindowed only the first k
 * are kept; windowed every value in the window is kept, since any of them may become one of the oldest.
 */
final class FirstK implements ColumnAggregator {
  private final int k;
  private final Eviction eviction;
  private final ElementOutput output;
  private final ArrayDeque<Entry> values = new ArrayDeque<>();

  FirstK(int k, Eviction eviction, ElementOutput output) {
    this.k = k;
    this.eviction = eviction;
    this.output = output;
  }

  @Override
  public void add(long sequence, Object value) {
    if (value != null && (eviction == Eviction.OLDEST_FIRST || values.size() < k)) {
      values.addLast(new Entry(sequence, value));
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    while (!values.isEmpty() && values.peekFirst().sequence() <= sequence) {
      values.removeFirst();
    }
  }

  @Override
  public Object result() {
    if (values.isEmpty()) {
      return null;
    }
    if (output == ElementOutput.SINGLE) {
      return values.peekFirst().value();
    }
    List<Object> oldestFirst = new ArrayList<>(Math.min(k, values.size()));
    for (Iterator<Entry> it = values.iterator(); it.hasNext() && oldestFirst.size() < k; ) {
      oldestFirst.add(it.next().value());
    }
    return oldestFirst;
  }

  @Override
  public void reset() {
    values.clear();
  }

  private record Entry(long sequence, Object value) {}
}
