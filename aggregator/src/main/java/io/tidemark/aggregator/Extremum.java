package io.tidemark.aggregator;

import java.util.ArrayDeque;
import java.util.Comparator;

/**
 * MIN or MAX. Unwindowed it keeps the best value; windowed it keeps the monotonic queue of values that can still
 * become the best as older ones leave (each value enters and leaves it once).
 */
final class Extremum implements ColumnAggregator {
  enum Direction {
    MIN,
    MAX
  }

  private final Comparator<Object> better;
  private final Eviction eviction;
  private final ArrayDeque<Entry> candidates = new ArrayDeque<>();
  private Object best;

  Extremum(Direction direction, Eviction eviction) {
    this.better = better(direction);
    this.eviction = eviction;
  }

  /** The order in which the better value of the two comes first. */
  static Comparator<Object> better(Direction direction) {
    return direction == Direction.MIN ? Values.NATURAL : Values.NATURAL.reversed();
  }

  @Override
  public void add(long sequence, Object value) {
    if (value == null) {
      return;
    }
    if (eviction == Eviction.NONE) {
      if (best == null || better.compare(value, best) < 0) {
        best = value;
      }
      return;
    }
    while (!candidates.isEmpty() && better.compare(candidates.peekLast().value(), value) >= 0) {
      candidates.removeLast();
    }
    candidates.addLast(new Entry(sequence, value));
  }

  @Override
  public void remove(long sequence, Object value) {
    while (!candidates.isEmpty() && candidates.peekFirst().sequence() <= sequence) {
      candidates.removeFirst();
    }
  }

  @Override
  public Object result() {
    Object value = eviction == Eviction.NONE ? best : candidates.isEmpty() ? null : candidates.peekFirst().value();
    return Values.sane(value);
  }

  @Override
  public void reset() {
    candidates.clear();
    best = null;
  }

  private record Entry(long sequence, Object value) {}
}
