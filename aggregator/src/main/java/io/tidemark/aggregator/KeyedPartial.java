package io.tidemark.aggregator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partial of a keyed aggregation (per bucket value, or per key of string-map inputs), as {@link KeyedColumns}
 * computes it for the sweep: one state per key, plus how many bucketed values or maps arrived, which tells an empty
 * map (maps without values) from NULL (no maps). Encoded as that number and a count of keys (unsigned varints), then
 * each key (UTF-8) and its state, in key order.
 *
 * @param <S> the state of one key
 */
final class KeyedPartial<S> implements Partial<KeyedPartial.State<S>> {
  private final Partial<S> perKey;

  KeyedPartial(Partial<S> perKey) {
    this.perKey = perKey;
  }

  /** The states by key, and how many inputs arrived. */
  static final class State<S> {
    private final Map<String, S> keys;
    private long inputs;

    State(Map<String, S> keys, long inputs) {
      this.keys = keys;
      this.inputs = inputs;
    }
  }

  @Override
  public State<S> empty() {
    return new State<>(new HashMap<>(), 0);
  }

  @Override
  public void add(State<S> state, long time, Object value) {
    if (value instanceof BucketValue bucketed) {
      perKey.add(state.keys.computeIfAbsent(bucketed.bucket(), ignored -> perKey.empty()), time, bucketed.value());
      state.inputs++;
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, element) -> {
        if (key != null && element != null) {
          perKey.add(state.keys.computeIfAbsent(key.toString(), ignored -> perKey.empty()), time, element);
        }
      });
      state.inputs++;
    }
  }

  @Override
  public State<S> merge(State<S> older, State<S> newer) {
    Map<String, S> keys = new HashMap<>(older.keys);
    newer.keys.forEach((key, state) -> keys.merge(key, state, perKey::merge));
    return new State<>(keys, older.inputs + newer.inputs);
  }

  @Override
  public Object finish(State<S> state) {
    if (state.inputs == 0) {
      return null;
    }
    Map<String, Object> results = new TreeMap<>();
    state.keys.forEach((key, keyState) -> {
      Object result = perKey.finish(keyState);
      if (result != null) {
        results.put(key, result);
      }
    });
    return results;
  }

  @Override
  public void write(State<S> state, StateWriter out) {
    out.writeUnsigned(state.inputs);
    out.writeUnsigned(state.keys.size());
    new TreeMap<>(state.keys).forEach((key, keyState) -> {
      out.writeString(key);
      perKey.write(keyState, out);
    });
  }

  @Override
  public State<S> read(StateReader in) {
    long inputs = in.readUnsigned();
    int size = in.readSize();
    Map<String, S> keys = new HashMap<>();
    for (int i = 0; i < size; i++) {
      String key = in.readString();
      keys.put(key, perKey.read(in));
    }
    return new State<>(keys, inputs);
  }
}
