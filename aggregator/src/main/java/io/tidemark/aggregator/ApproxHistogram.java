package io.tidemark.aggregator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * APPROX_HISTOGRAM_K: exact counts while at most k distinct values are seen; beyond that a frequent-items sketch
 * (map size: the smallest power of two not below k, at least 2) reporting at most k items without false positives,
 * most frequent first, with estimated counts. Values are keyed by their text, as in Chronon. Ties at the cut go to the
 * smaller text, so the answer does not depend on the order of the sketch's hash table (which a sketch read back from
 * bytes does not keep).
 */
final class ApproxHistogram implements Mergeable<ApproxHistogram.State>, StateCodec<ApproxHistogram.State> {
  private static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();
  private static final int EXACT = 0;
  private static final int SKETCH = 1;

  private final int k;
  private final int mapSize;

  ApproxHistogram(int k) {
    this.k = k;
    this.mapSize = Math.max(2, Integer.highestOneBit(Math.max(1, k - 1)) << 1);
  }

  @Override
  public State empty() {
    return new State();
  }

  @Override
  public void update(State state, Object value) {
    add(state, String.valueOf(value), 1);
  }

  @Override
  public State union(State older, State newer) {
    State union = new State();
    for (State part : new State[] {older, newer}) {
      if (part.sketch != null) {
        toSketch(union);
        union.sketch.merge(part.sketch);
      } else {
        part.exact.forEach((item, count) -> add(union, item, count));
      }
    }
    return union;
  }

  @Override
  public Object result(State state) {
    Map<String, Long> top = new LinkedHashMap<>();
    if (k <= 0) {
      return top;
    }
    if (state.sketch == null) {
      top.putAll(state.exact);
      return top;
    }
    List<ItemsSketch.Row<String>> rows =
        new ArrayList<>(Arrays.asList(state.sketch.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)));
    rows.sort(Comparator.<ItemsSketch.Row<String>>comparingLong(row -> -row.getEstimate())
        .thenComparing(ItemsSketch.Row::getItem));
    for (ItemsSketch.Row<String> row : rows.subList(0, Math.min(k, rows.size()))) {
      top.put(row.getItem(), row.getEstimate());
    }
    return top;
  }

  /**
   * Writes 0 and the exact counts (a count of entries, then each value and its count as an unsigned varint, in value
   * order), or 1 and the frequent-items sketch in the DataSketches format with UTF-8 strings, length first.
   */
  @Override
  public void write(State state, StateWriter out) {
    if (state.sketch != null) {
      out.writeByte(SKETCH);
      out.writeBytes(state.sketch.toByteArray(STRINGS));
      return;
    }
    out.writeByte(EXACT);
    out.writeUnsigned(state.exact.size());
    new TreeMap<>(state.exact).forEach((item, count) -> {
      out.writeString(item);
      out.writeUnsigned(count);
    });
  }

  @Override
  public State read(StateReader in) {
    State state = new State();
    int form = in.readByte();
    if (form == SKETCH) {
      state.sketch = ItemsSketch.getInstance(Memory.wrap(in.readBytes()), STRINGS);
    } else if (form == EXACT) {
      int size = in.readSize();
      for (int i = 0; i < size; i++) {
        String item = in.readString();
        state.exact.put(item, in.readUnsigned());
      }
    } else {
      throw StateReader.damaged("form " + form);
    }
    return state;
  }

  private void add(State state, String item, long count) {
    if (state.sketch != null) {
      state.sketch.update(item, count);
      return;
    }
    state.exact.merge(item, count, Long::sum);
    if (state.exact.size() > k) {
      toSketch(state);
    }
  }

  private void toSketch(State state) {
    if (state.sketch == null) {
      state.sketch = new ItemsSketch<>(mapSize);
      state.exact.forEach(state.sketch::update);
      state.exact.clear();
    }
  }

  /** Exact counts, until there are more than k values; then the sketch. */
  static final class State {
    private final Map<String, Long> exact = new HashMap<>();
    private ItemsSketch<String> sketch;
  }
}
