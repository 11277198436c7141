package io.tidemark.engine.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * Column positions in the sorted union of left rows and events: key columns, time, kind (left row, event, or
 * retraction), the left row's hash when the sweep numbers identical rows (NULL on events), the left row's columns
 * packed in one struct (NULL on events) and the event's input columns (NULL on left rows). Packing the left's columns
 * keeps every event row narrow: a NULL struct is one slot, where a NULL per left column would be one slot each, and
 * events outnumber left rows.
 *
 * @param leftDayIndex where {@code ds} is among the left row's columns when the sweep numbers identical left rows to
 *     assign {@link RowKeys} (the layout then has the left row's hash); -1 when it does not
 */
record SweepLayout(int keyCount, int leftWidth, int inputCount, int leftDayIndex) implements Serializable {
  /** Whether the layout has the left row's hash, so that the sweep assigns row keys. */
  boolean numbersRows() {
    return leftDayIndex >= 0;
  }

  static final int LEFT_ROW = 0;
  static final int EVENT = 1;
  static final int RETRACTION = 2;

  int timePosition() {
    return keyCount;
  }

  int kindPosition() {
    return keyCount + 1;
  }

  /** Where the left row's hash is; only when {@link #numbersRows}. */
  int hashPosition() {
    return keyCount + 2;
  }

  int leftPosition() {
    return keyCount + (numbersRows() ? 3 : 2);
  }

  int inputStart() {
    return leftPosition() + 1;
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

  String hash(Row row) {
    return row.getString(hashPosition());
  }

  Object[] inputs(Row row) {
    Object[] inputs = new Object[inputCount];
    for (int i = 0; i < inputCount; i++) {
      inputs[i] = row.get(inputStart() + i);
    }
    return inputs;
  }

  /**
   * The left row's columns, in an array with {@code extra} free slots at the end (for the row key, when the sweep
   * numbers rows, then the features).
   */
  Object[] leftValues(Row row, int extra) {
    Row left = row.getStruct(leftPosition());
    Object[] values = new Object[leftWidth + extra];
    for (int i = 0; i < leftWidth; i++) {
      values[i] = left.get(i);
    }
    return values;
  }

  /** The day ({@code ds}) of a left row; only when {@link #numbersRows}. */
  String leftDay(Row row) {
    return row.getStruct(leftPosition()).getString(leftDayIndex);
  }
}
