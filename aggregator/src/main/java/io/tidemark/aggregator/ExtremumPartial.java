package io.tidemark.aggregator;

import java.util.Comparator;

/**
 * MIN's or MAX's partial: the best value so far (in the natural order the sweep uses, NaN above every number), finished
 * as the sweep finishes it (NaN and infinities are NULL). Encoded as one tagged value, NULL when empty.
 */
final class ExtremumPartial implements Partial<Object[]> {
  private final Comparator<Object> better;

  ExtremumPartial(Extremum.Direction direction) {
    this.better = Extremum.better(direction);
  }

  @Override
  public Object[] empty() {
    return new Object[1];
  }

  @Override
  public void add(Object[] best, long time, Object value) {
    if (best[0] == null || better.compare(value, best[0]) < 0) {
      best[0] = value;
    }
  }

  @Override
  public Object[] merge(Object[] older, Object[] newer) {
    Object[] best = {older[0]};
    if (newer[0] != null) {
      add(best, 0, newer[0]);
    }
    return best;
  }

  @Override
  public Object finish(Object[] best) {
    return Values.sane(best[0]);
  }

  @Override
  public void write(Object[] best, StateWriter out) {
    out.writeValue(best[0]);
  }

  @Override
  public Object[] read(StateReader in) {
    return new Object[] {in.readValue()};
  }
}
