package io.tidemark.engine.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * Column positions in the sorted union of left rows and events: the sort key, key columns, time, the left row's hash
 * when the sweep numbers identical rows (NULL on events), the left row's columns packed in one struct (NULL on events)
 * and the event's input columns (NULL on left rows). Packing the left's columns keeps every event row narrow: a NULL
 * struct is one slot, where a NULL per left column would be one slot each, and events outnumber left rows.
 *
 * <p>The sort key is one long: a bucket of the keys' hash in the high bits, then the time (clamped to 1970..2109) and
 * the kind of row (left row, event, retraction). Spark sorts by its first sort column's value before comparing whole
 * rows, so with this key almost every comparison is one of two longs. Keys that share a bucket interleave in time;
 * the sweep keeps one state per key within a bucket.
 *
 * <p>When the sweep reads daily partial aggregates, each row of a key's day (or block of days) of partials comes at its
 * first day's midnight with kind {@link #PARTIAL_DAY}, its encoded states in the {@code stateCount} columns after the
 * inputs, then how many days it covers (NULL on other rows).
 *
 * @param leftDayIndex where {@code ds} is among the left row's columns when the sweep numbers identical left rows to
 *     assign {@link RowKeys} (the layout then has the left row's hash); -1 when it does not
 * <p>When windows follow each row's own time ({@link WindowTime#ROW}), that time is the last column (NULL on left
 * rows and on rows without a time).
 *
 * @param stateCount the partial aggregates' columns, 0 when the sweep reads raw events only
 */
record SweepLayout(int keyCount, int leftWidth, int inputCount, int leftDayIndex, int stateCount,
    WindowTime windowTime) implements Serializable {
  /** Whether the layout has the left row's hash, so that the sweep assigns row keys. */
  boolean numbersRows() {
    return leftDayIndex >= 0;
  }

  static final int LEFT_ROW = 0;
  static final int EVENT = 1;
  static final int RETRACTION = 2;
  /**
   * A key's partial aggregates of one day or block of days, at its first day's midnight: after the events and queries
   * of that instant.
   */
  static final int PARTIAL_DAY = 3;
  /** Bits of the sort key below the bucket: time (42 bits, milliseconds from 1970 to 2109) and kind (2 bits). */
  static final int TIME_AND_KIND_BITS = 44;
  /** The largest time the sort key holds as it is; later times share it (and are ordered by the time column). */
  static final long MAX_SORTED_TIME = (1L << 42) - 1;
  /** Bits of the sort key for the keys' hash bucket: the rest of a non-negative long. */
  static final int BUCKET_BITS = 63 - TIME_AND_KIND_BITS;

  int sortKeyPosition() {
    return 0;
  }

  int keyStart() {
    return 1;
  }

  int timePosition() {
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

  /** The bucket of the row's keys: rows of one key share it, and a bucket's rows come together. */
  long bucket(Row row) {
    return row.getLong(sortKeyPosition()) >>> TIME_AND_KIND_BITS;
  }

  Object[] key(Row row) {
    Object[] key = new Object[keyCount];
    for (int i = 0; i < keyCount; i++) {
      key[i] = row.get(keyStart() + i);
    }
    return key;
  }

  int kind(Row row) {
    return (int) (row.getLong(sortKeyPosition()) & 3);
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

  int stateStart() {
    return inputStart() + inputCount;
  }

  /** The encoded states of a {@link #PARTIAL_DAY} row. */
  byte[][] states(Row row) {
    byte[][] states = new byte[stateCount][];
    for (int i = 0; i < stateCount; i++) {
      states[i] = row.isNullAt(stateStart() + i) ? null : (byte[]) row.get(stateStart() + i);
    }
    return states;
  }

  /** How many days the states of a {@link #PARTIAL_DAY} row cover. */
  int spanDays(Row row) {
    return row.getInt(stateStart() + stateCount);
  }

  /** A row's own time, or {@code none} when it has none; only when windows follow it ({@link WindowTime#ROW}). */
  long rowTime(Row row, long none) {
    int position = stateStart() + stateCount + (stateCount > 0 ? 1 : 0);
    return row.isNullAt(position) ? none : row.getLong(position);
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
