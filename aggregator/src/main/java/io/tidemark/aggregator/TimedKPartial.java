package io.tidemark.aggregator;

import java.util.ArrayList;
import java.util.List;

/**
 * The partial of FIRST and FIRST_K (the k oldest values) or of LAST and LAST_K (the k newest), each value with its
 * event time, oldest first. The k oldest of a window are among the k oldest of its days, and likewise the newest, so a
 * day keeps at most k. Merging interleaves the two by time, the older state's value first at equal times, so it gives
 * the order the sweep sees (events in time order, ties in arrival order) whichever way the days were split, and the
 * times let later releases check that order. Encoded as a count, then per value its time (zigzag varint) and the tagged
 * value, oldest first.
 */
final class TimedKPartial implements Partial<List<TimedKPartial.Timed>> {
  /** Which end of the events is kept. */
  enum Kept {
    OLDEST,
    NEWEST
  }

  private final int k;
  private final Kept kept;
  private final ElementOutput output;

  TimedKPartial(int k, Kept kept, ElementOutput output) {
    this.k = k;
    this.kept = kept;
    this.output = output;
  }

  /** A value and the time of its event. */
  record Timed(long time, Object value) {}

  @Override
  public List<Timed> empty() {
    return new ArrayList<>();
  }

  @Override
  public void add(List<Timed> values, long time, Object value) {
    if (kept == Kept.OLDEST) {
      if (values.size() < k) {
        values.add(new Timed(time, value));
      }
      return;
    }
    values.add(new Timed(time, value));
    if (values.size() > k) {
      values.remove(0);
    }
  }

  @Override
  public List<Timed> merge(List<Timed> older, List<Timed> newer) {
    List<Timed> all = new ArrayList<>(older.size() + newer.size());
    int i = 0;
    int j = 0;
    while (i < older.size() || j < newer.size()) {
      boolean takeOlder = j == newer.size() || (i < older.size() && older.get(i).time() <= newer.get(j).time());
      all.add(takeOlder ? older.get(i++) : newer.get(j++));
    }
    if (all.size() <= k) {
      return all;
    }
    return new ArrayList<>(kept == Kept.OLDEST ? all.subList(0, k) : all.subList(all.size() - k, all.size()));
  }

  @Override
  public Object finish(List<Timed> values) {
    if (values.isEmpty()) {
      return null;
    }
    if (output == ElementOutput.SINGLE) {
      return values.get(kept == Kept.OLDEST ? 0 : values.size() - 1).value();
    }
    List<Object> list = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      list.add(values.get(kept == Kept.OLDEST ? i : values.size() - 1 - i).value());
    }
    return list;
  }

  @Override
  public void write(List<Timed> values, StateWriter out) {
    out.writeUnsigned(values.size());
    for (Timed timed : values) {
      out.writeSigned(timed.time());
      out.writeValue(timed.value());
    }
  }

  @Override
  public List<Timed> read(StateReader in) {
    int size = in.readSize();
    List<Timed> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      long time = in.readSigned();
      values.add(new Timed(time, in.readValue()));
    }
    return values;
  }
}
