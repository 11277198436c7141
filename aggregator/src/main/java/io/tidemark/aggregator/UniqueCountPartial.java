package io.tidemark.aggregator;

import java.util.HashSet;
import java.util.Set;

/**
 * UNIQUE_COUNT's partial: the distinct values (binary values compared by content), or for BOUNDED_UNIQUE_COUNT at most
 * the bound of them. Capping is exact: a window has at least the bound distinct values exactly when one of its days
 * does or the union of its days' complete sets is that large. Encoded as a count and the tagged values, in the order of
 * their encodings, so equal sets encode equally.
 */
final class UniqueCountPartial implements Partial<Set<Object>> {
  private final int bound;

  UniqueCountPartial(int bound) {
    this.bound = bound;
  }

  @Override
  public Set<Object> empty() {
    return new HashSet<>();
  }

  @Override
  public void add(Set<Object> values, long time, Object value) {
    if (values.size() < bound) {
      values.add(Values.hashable(value));
    }
  }

  @Override
  public Set<Object> merge(Set<Object> older, Set<Object> newer) {
    Set<Object> union = new HashSet<>(older);
    for (Object value : newer) {
      if (union.size() >= bound) {
        break;
      }
      union.add(value);
    }
    return union;
  }

  @Override
  public Object finish(Set<Object> values) {
    return values.isEmpty() ? null : (long) Math.min(values.size(), bound);
  }

  @Override
  public void write(Set<Object> values, StateWriter out) {
    out.writeValueSet(values);
  }

  @Override
  public Set<Object> read(StateReader in) {
    int size = in.readSize();
    Set<Object> values = new HashSet<>();
    for (int i = 0; i < size; i++) {
      values.add(Values.hashable(in.readValue()));
    }
    return values;
  }
}
