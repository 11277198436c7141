package io.tidemark.engine.compute;

import java.util.Arrays;
import org.apache.spark.sql.Row;

/** A row's key columns, compared by value (arrays by their elements), to tell one key's rows from the next's. */
record KeyValues(Object[] values) {
  /** The first {@code count} columns of {@code row}, the key of rows laid out key first. */
  static KeyValues leading(Row row, int count) {
    Object[] values = new Object[count];
    for (int k = 0; k < count; k++) {
      values[k] = row.get(k);
    }
    return new KeyValues(values);
  }

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
