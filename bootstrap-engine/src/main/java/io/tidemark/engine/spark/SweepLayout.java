package io.tidemark.engine.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * Column positions in the sorted union of left rows and events: key columns, time, kind (left row, event, or
 * retraction), the left row's columns (NULL on events) and the event's input columns (NULL on left rows).
 */
record SweepLayout(int keyCount, int leftWidth, int inputCount) implements Serializable {
  static final int LEFT_ROW = 0;
  static final int EVENT = 1;
  static final int RETRACTION = 2;

  int timePosition() {
    return keyCount;
  }

  int kindPosition() {
    return keyCount + 1;
  }

  int leftStart() {
    return keyCount + 2;
  }

  int inputStart() {
    return leftStart() + leftWidth;
  }

  Object[] key(Row row) {
    Object[] key = new Object[keyCount];
    for (int i = 0; i < keyCount; i++) {
      key[i] = row.get(i);
    }
    return key;
  }

  int kind(Row row) {
    return row.getInt(kindPosition());
  }

  boolean isTimeNull(Row row) {
    return row.isNullAt(timePosition());
  }

  long time(Row row) {
    return row.getLong(timePosition());
  }

  Object[] inputs(Row row) {
    Object[] inputs = new Object[inputCount];
    for (int i = 0; i < inputCount; i++) {
      inputs[i] = row.get(inputStart() + i);
    }
    return inputs;
  }

  /** The left row's columns, in an array with {@code extra} free slots at the end for the features. */
  Object[] leftValues(Row row, int extra) {
    Object[] values = new Object[leftWidth + extra];
    for (int i = 0; i < leftWidth; i++) {
      values[i] = row.get(leftStart() + i);
    }
    return values;
  }
}
