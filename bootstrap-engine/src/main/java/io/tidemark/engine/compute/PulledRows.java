package io.tidemark.engine.compute;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Rows made from one Spark partition of sorted rows, pulled lazily: a row taken in may complete rows to give (none,
 * one or several), and the end of the partition gives the rest. Only what is given and not yet taken is held, never
 * the partition.
 */
abstract class PulledRows implements Iterator<Row> {
  private final Iterator<Row> rows;
  private final Deque<Row> ready = new ArrayDeque<>();
  private boolean ended;

  PulledRows(Iterator<Row> rows) {
    this.rows = rows;
  }

  /** Takes in the next row, and gives what it completes. */
  abstract void add(Row row);

  /** Gives what is left once every row was taken in. */
  abstract void end();

  /** Hands {@code row} out, after those given before it. */
  final void give(Row row) {
    ready.add(row);
  }

  @Override
  public final boolean hasNext() {
    while (ready.isEmpty() && rows.hasNext()) {
      add(rows.next());
    }
    if (ready.isEmpty() && !ended) {
      ended = true;
      end();
    }
    return !ready.isEmpty();
  }

  @Override
  public final Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }
}
