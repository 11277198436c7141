package io.tidemark.engine.compute;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * One Spark partition of sorted rows that come in groups (a key's day of events, a key's block of days), each group
 * made into at most one output row: a row is added to its group, and a group's output comes out when the next row
 * starts another group or the partition ends. Rows are pulled lazily, so a partition is never held in memory.
 */
abstract class GroupedRows implements Iterator<Row> {
  private final Iterator<Row> rows;
  private Row next;
  private boolean ended;

  GroupedRows(Iterator<Row> rows) {
    this.rows = rows;
  }

  /** Adds {@code row} to its group; returns the output of the group it ends, or null. */
  abstract Row add(Row row);

  /** The output of the last group, once every row was added; null for none. */
  abstract Row end();

  @Override
  public final boolean hasNext() {
    while (next == null && rows.hasNext()) {
      next = add(rows.next());
    }
    if (next == null && !ended) {
      ended = true;
      next = end();
    }
    return next != null;
  }

  @Override
  public final Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = next;
    next = null;
    return row;
  }
}
