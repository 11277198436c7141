package io.tidemark.aggregator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * LAST_K, and LAST as its single-value form: the k newest non-null inputs, newest first. Only the k newest values are
 * kept: a window is a suffix of the event stream, so a value older than those k can never come back into the answer.
 */
final class LastK implements ColumnAggregator {
  private final int k;
  private final ElementOutput output;
  private final ArrayDeque<Entry> newest = new ArrayDeque<>();

  LastK(int k, ElementOutput output) {
    this.k = k;
    this.output = output;
  }

  @Override
  public void add(long sequence, Object value) {
    if (value == null) {
      return;
    }
    newest.addLast(new Entry(sequence, value));
    if (newest.size() > k) {
      newest.removeFirst();
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    while (!newest.isEmpty() && newest.peekFirst().sequence() <= sequence) {
      newest.removeFirst();
    }
  }

  @Override
  public Object result() {
    if (newest.isEmpty()) {
      return null;
    }
    if (output == ElementOutput.SINGLE) {
      return newest.peekLast().value();
    }
    List<Object> newestFirst = new ArrayList<>(newest.size());
    for (Iterator<Entry> it = newest.descendingIterator(); it.hasNext(); ) {
      newestFirst.add(it.next().value());
    }
    return newestFirst;
  }

  @Override
  public void reset() {
    newest.clear();
  }

  private record Entry(long sequence, Object value) {}
}
