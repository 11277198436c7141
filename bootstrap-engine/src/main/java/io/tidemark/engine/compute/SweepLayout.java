package io.tidemark.engine.compute;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Column positions in the sorted union of left rows and events: the sort key, key columns, time, the left row's hash
 * when the sweep numbers identical rows (NULL on events), the left row's columns packed in one struct (NULL on events)
 * and the event's input columns (NULL on left rows). Packing the left's columns keeps every event row narrow: a NULL
 * struct is one slot, where a NULL per left column would be one slot each, and events outnumber left rows.
 *
 * <p>The sort key is one long: a bucket of the keys' hash in the high bits, then the time (clamped to 1970..2109) and
 * the kind of row (left row, event, retraction). Where the order of one key's rows of one instant does not matter,
 * Spark sorts by this long alone, a radix sort; otherwise by it and then the columns that order an instant's rows.
 * Keys that share a bucket interleave in time; the sweep keeps one state per key within a bucket. Events before 1970
 * or from 2109 share the key's first or last sortable time and come there by kind before time, so before or after
 * every left row of 1970..2109 (a join checks that its left's event times fall in 1971..2099); where an operation
 * depends on the order of events, the time column orders them after the sort key.
 *
 * <p>When the sweep reads daily partial aggregates, each row of a key's day (or block of days) of partials comes at its
 * first day's midnight with kind {@link #PARTIAL_DAY}, its encoded states in the {@code stateCount} columns after the
 * inputs, then how many days it covers (NULL on other rows).
 *
 * <p>When windows follow each row's own time ({@link WindowTime#ROW}), that time is the last column (NULL on left
 * rows and on rows without a time).
 *
 * <p>The sweep reads Spark's internal rows column by column (strings as {@code UTF8String}s, the left row as an
 * internal row), so no row is converted whole to Java objects and back.
 *
 * @param keyTypes the types of the key columns
 * @param inputTypes the types of the event's input columns
 * @param leftDayIndex where {@code ds} is among the left row's columns when the sweep numbers identical left rows to
 *     assign {@link RowKeys} (the layout then has the left row's hash); -1 when it does not
 * @param stateCount the partial aggregates' columns, 0 when the sweep reads raw events only
 */
record SweepLayout(List<DataType> keyTypes, int leftWidth, List<DataType> inputTypes, int leftDayIndex,
    int stateCount, WindowTime windowTime) implements Serializable {
  SweepLayout {
    keyTypes = List.copyOf(keyTypes);
    inputTypes = List.copyOf(inputTypes);
  }

  int keyCount() {
    return keyTypes.size();
  }

  int inputCount() {
    return inputTypes.size();
  }

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
    return keyCount() + 1;
  }

  /** Where the left row's hash is; only when {@link #numbersRows}. */
  int hashPosition() {
    return keyCount() + 2;
  }

  int leftPosition() {
    return keyCount() + (numbersRows() ? 3 : 2);
  }

  int inputStart() {
    return leftPosition() + 1;
  }

  /** The bucket of the row's keys: rows of one key share it, and a bucket's rows come together. */
  long bucket(InternalRow row) {
    return row.getLong(sortKeyPosition()) >>> TIME_AND_KIND_BITS;
  }

  /** The row's {@code i}-th key column as Spark holds it: it may point into the row, which Spark reuses. */
  Object key(InternalRow row, int i) {
    return row.get(keyStart() + i, keyTypes.get(i));
  }

  int kind(InternalRow row) {
    return (int) (row.getLong(sortKeyPosition()) & 3);
  }

  boolean isTimeNull(InternalRow row) {
    return row.isNullAt(timePosition());
  }

  long time(InternalRow row) {
    return row.getLong(timePosition());
  }

  /** The left row's hash; it may point into the row, which Spark reuses. */
  UTF8String hash(InternalRow row) {
    return row.getUTF8String(hashPosition());
  }

  /** The event's {@code i}-th input as Spark holds it, or null. */
  Object input(InternalRow row, int i) {
    return row.get(inputStart() + i, inputTypes.get(i));
  }

  int stateStart() {
    return inputStart() + inputCount();
  }

  /** The encoded states of a {@link #PARTIAL_DAY} row. */
  byte[][] states(InternalRow row) {
    byte[][] states = new byte[stateCount][];
    for (int i = 0; i < stateCount; i++) {
      states[i] = row.isNullAt(stateStart() + i) ? null : row.getBinary(stateStart() + i);
    }
    return states;
  }

  /** How many days the states of a {@link #PARTIAL_DAY} row cover. */
  int spanDays(InternalRow row) {
    return row.getInt(stateStart() + stateCount);
  }

  /** A row's own time, or {@code none} when it has none; only when windows follow it ({@link WindowTime#ROW}). */
  long rowTime(InternalRow row, long none) {
    int position = stateStart() + stateCount + (stateCount > 0 ? 1 : 0);
    return row.isNullAt(position) ? none : row.getLong(position);
  }

  /** The left row's columns; the row points into {@code row}, which Spark reuses. */
  InternalRow left(InternalRow row) {
    return row.getStruct(leftPosition(), leftWidth);
  }

  /** The day ({@code ds}) of a left row; only when {@link #numbersRows}. It may point into the row. */
  UTF8String leftDay(InternalRow row) {
    return left(row).getUTF8String(leftDayIndex);
  }
}
