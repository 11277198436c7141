package io.tidemark.engine.spark;

import java.util.Arrays;

/** A row's key columns, compared by value (arrays by their elements), to tell one key's rows from the next's. */
record KeyValues(Object[] values) {
  @Override
  public boolean equals(Object other) {
    return other instanceof KeyValues key && Arrays.deepEquals(values, key.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
