package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;
import static io.tidemark.api.Preconditions.checkState;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Window;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Computes a GroupBy's aggregations for one key at a time from the key's daily partial aggregates and the raw events
 * at the ends of each window, with the values {@link PointInTimeSweep} gives from all raw events: a query as of
 * {@code t} sees the events with {@code t - W <= time < t}. A window is the merge, oldest first, of the raw events from
 * {@code t - W} to the next midnight, the partials of the whole days in between, and the raw events of {@code t}'s day
 * before {@code t} (see {@link WindowSplit}); an unwindowed aggregation merges every day's partial before {@code t}'s
 * day and that day's raw events. Windows shorter than a day never touch partials: an embedded sweep computes them.
 *
 * <p>Feed one key's input in time order, like the sweep's: {@link #addDay} for the partials of each day, or
 * {@link #addDays} for those of a block of days (each piece at its first day's midnight, before any query on a later
 * day), {@link #addEvent} for raw events, {@link #query} for each left row, queries before events of the same time;
 * {@link #reset} before the next key. Which pieces and raw events a set of queries needs is {@link PartialNeeds#of}
 * ({@link PartialNeeds#pieces}); giving more raw events is harmless (those inside whole days are not used), and so are
 * pieces outside a window; giving less is wrong: a whole day without partials counts as a day without events. Pieces
 * must not overlap, and a query's whole days must not begin or end inside a block: such a query is refused.
 */
public final class PartialWindowEvaluator {
  private static final long DAY = WindowSplit.DAY;

  private final PartialColumns columns;
  private final List<AggregationPart> parts;
  private final List<Integer> subDayParts = new ArrayList<>();
  private final PointInTimeSweep subDaySweep;
  private final List<WindowedPart> windowedParts = new ArrayList<>();
  private final List<Integer> unwindowedParts = new ArrayList<>();
  private final boolean[] columnUsed;
  private final boolean[] columnUnwindowed;
  private final EventBuffer buffer = new EventBuffer();
  /** The pieces added and still needed, by first day. */
  private final NavigableMap<Long, Piece> pieces = new TreeMap<>();
  private final Object[] endStates;
  private final Object[] totals;
  private long oldestEvent;
  private long endNext;
  private long endDay;
  private long totalsThrough;
  private long lastDayAdded;
  private PartialPiece lastPieceAdded;
  private long lastEventTime;
  private long lastQuery;

  /**
   * @param parts the output columns, in order
   * @param inputs the input columns (aggregated and bucket columns), in the order {@link #addEvent} receives their
   *     values, with their types
   */
  public PartialWindowEvaluator(List<AggregationPart> parts, Map<String, InputType> inputs) {
    this.parts = List.copyOf(parts);
    this.columns = new PartialColumns(parts, inputs);
    this.columnUsed = new boolean[columns.size()];
    this.columnUnwindowed = new boolean[columns.size()];
    List<AggregationPart> subDay = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Window window = parts.get(i).window();
      if (window != null && window.millis() < DAY) {
        subDayParts.add(i);
        subDay.add(parts.get(i));
        continue;
      }
      int column = columns.columnOf(i);
      columnUsed[column] = true;
      if (window == null) {
        unwindowedParts.add(i);
        columnUnwindowed[column] = true;
      } else {
        windowedParts.add(new WindowedPart(i, column, window));
      }
    }
    this.subDaySweep = subDay.isEmpty() ? null : new PointInTimeSweep(subDay, inputs, Deletes.NONE);
    this.endStates = new Object[columns.size()];
    this.totals = new Object[columns.size()];
    reset();
  }

  /** The stored columns whose encoded states {@link #addDay} takes, in order. */
  public PartialColumns columns() {
    return columns;
  }

  /** Starts over for the next key. */
  public void reset() {
    buffer.clear();
    oldestEvent = buffer.nextSequence();
    endNext = oldestEvent;
    endDay = Long.MIN_VALUE;
    pieces.clear();
    for (int c = 0; c < columns.size(); c++) {
      endStates[c] = null;
      totals[c] = columnUnwindowed[c] ? columns.column(c).partial().empty() : null;
    }
    totalsThrough = Long.MIN_VALUE;
    lastDayAdded = Long.MIN_VALUE;
    lastPieceAdded = null;
    lastEventTime = Long.MIN_VALUE;
    lastQuery = Long.MIN_VALUE;
    for (WindowedPart part : windowedParts) {
      part.reset(oldestEvent);
    }
    if (subDaySweep != null) {
      subDaySweep.reset();
    }
  }

  /**
   * Adds the partial aggregates of the current key for {@code day} (UTC), one encoded state per {@link #columns} entry
   * (null for none). Days come in increasing order, each before any query on a later day.
   */
  public void addDay(Day day, byte[][] partials) {
    addDays(PartialPiece.of(day, 1), partials);
  }

  /**
   * Adds the partial aggregates of the current key for the days of {@code piece}, merged into one encoded state per
   * {@link #columns} entry (null for none). Pieces come in increasing order without overlapping, each before any query
   * on a day after its first.
   */
  public void addDays(PartialPiece piece, byte[][] partials) {
    checkArgument(piece.firstDay() > lastDayAdded, "Cannot add the partial aggregates of %s: those of %s came before "
        + "it", piece, lastPieceAdded);
    checkArgument(lastQuery == Long.MIN_VALUE || piece.firstDay() >= Math.floorDiv(lastQuery, DAY),
        "Cannot add the partial aggregates of %s after a query as of %s, which needed the days before its own: add "
            + "each day's partials before the queries of later days", piece, lastQuery);
    lastDayAdded = piece.lastDay();
    lastPieceAdded = piece;
    pieces.put(piece.firstDay(), new Piece(piece, columns.decode(partials)));
  }

  /** Adds a raw event of the current key; times must not go backwards. */
  public void addEvent(long time, Object[] inputValues) {
    checkArgument(time >= lastEventTime, "Cannot add event at %s: an event at %s came before it", time, lastEventTime);
    lastEventTime = time;
    buffer.append(time, inputValues);
    if (subDaySweep != null) {
      subDaySweep.addEvent(time, inputValues);
    }
  }

  /**
   * The value of every output column as of {@code asOf} (exclusive), in the order of the parts. Every event added so
   * far must be earlier than {@code asOf}, and queries come in time order.
   */
  public Object[] query(long asOf) {
    checkState(lastEventTime < asOf, "Cannot query as of %s: an event at %s was already added", asOf, lastEventTime);
    checkArgument(asOf >= lastQuery, "Cannot query as of %s: a query as of %s came before it", asOf, lastQuery);
    lastQuery = asOf;
    Object[] results = new Object[parts.size()];
    if (subDaySweep != null) {
      Object[] subDay = subDaySweep.query(asOf);
      for (int i = 0; i < subDay.length; i++) {
        results[subDayParts.get(i)] = subDay[i];
      }
    }
    long today = Math.floorDiv(asOf, DAY);
    foldEndEdge(today);
    foldTotals(today);
    for (int part : unwindowedParts) {
      int column = columns.columnOf(part);
      Partial<Object> partial = columns.column(column).partial();
      results[part] = partial.finish(partial.merge(totals[column], endStates[column]));
    }
    long keepDaysFrom = totalsThrough == Long.MIN_VALUE ? Long.MIN_VALUE : totalsThrough + 1;
    if (unwindowedParts.isEmpty()) {
      keepDaysFrom = today;
    }
    long keepEventsFrom = endNext;
    for (WindowedPart part : windowedParts) {
      WindowSplit split = WindowSplit.of(part.window, asOf);
      results[part.index] = part.result(split);
      keepDaysFrom = Math.min(keepDaysFrom, split.firstDay());
      keepEventsFrom = Math.min(keepEventsFrom, part.startCursor);
    }
    pieces.headMap(keepDaysFrom, false).clear();
    buffer.dropBefore(keepEventsFrom);
    oldestEvent = Math.max(oldestEvent, keepEventsFrom);
    return results;
  }

  /** Brings each column's state of the raw events of {@code today} up to the query. */
  private void foldEndEdge(long today) {
    if (today != endDay) {
      endDay = today;
      for (int c = 0; c < columns.size(); c++) {
        endStates[c] = columnUsed[c] ? columns.column(c).partial().empty() : null;
      }
      endNext = oldestEvent;
      while (endNext < buffer.nextSequence() && buffer.time(endNext) < today * DAY) {
        endNext++;
      }
    }
    for (; endNext < buffer.nextSequence(); endNext++) {
      for (int c = 0; c < columns.size(); c++) {
        if (columnUsed[c]) {
          addTo(c, endStates[c], endNext);
        }
      }
    }
  }

  /** Merges every piece before {@code today} into the unwindowed columns' totals. */
  private void foldTotals(long today) {
    if (unwindowedParts.isEmpty()) {
      return;
    }
    for (Piece piece : pieces.subMap(totalsThrough, false, today, false).values()) {
      checkCovered(piece, today - 1);
      for (int c = 0; c < columns.size(); c++) {
        if (columnUnwindowed[c]) {
          totals[c] = columns.column(c).partial().merge(totals[c], piece.states[c]);
        }
      }
    }
    totalsThrough = Math.max(totalsThrough, today - 1);
  }

  /** Refuses a block that runs past {@code lastDay}, the last whole day of a query's window. */
  private void checkCovered(Piece piece, long lastDay) {
    // Called per piece and query: the day is written out only for the message.
    if (piece.piece.lastDay() > lastDay) {
      throw new IllegalStateException("Cannot answer a query as of " + lastQuery + " from the partial aggregates of "
          + piece.piece + ": its window's whole days end inside them, on " + PartitionDates.dayOf(lastDay * DAY)
          + "; read the pieces PartialNeeds lists");
    }
  }

  private void addTo(int column, Object state, long sequence) {
    Object value = columns.valueOf(column, buffer.inputs(sequence));
    if (value != null) {
      columns.column(column).partial().add(state, buffer.time(sequence), value);
    }
  }

  /** A piece's decoded states, one per column. */
  private record Piece(PartialPiece piece, Object[] states) {}

  /**
   * One output column with a window of a day or more: its cursor into the raw events, the states of the raw events at
   * the window's start, and its merged whole days.
   *
   * <p>The raw events at a window's start run from {@code t - W} to the next midnight. For queries in time order that
   * end stays put while the start moves forward, one query after another, until {@code t - W} crosses midnight. So
   * when the end moves, the events up to it are cut into blocks of about the square root of their number, and the
   * state of every block together with all blocks after it is merged once; a query then adds the events up to the next
   * block's first (fewer than a block) and merges that block's state. Adding up the start's events again for every
   * query would cost a hot key's queries of a day the square of its events of a day.
   */
  private final class WindowedPart {
    /** The shortest block: below it, a merge costs more than the adds it saves. */
    private static final int MIN_BLOCK = 16;

    private final int index;
    private final int column;
    private final Window window;
    private final Partial<Object> partial;
    private long startCursor;
    private long cachedFirst;
    private long cachedLast;
    private Object cached;
    /** The end (exclusive) of the start's events the blocks cover; {@link Long#MIN_VALUE} for none yet. */
    private long blocksUntil;
    /** The first event of the first block, the first event after the last block, and the events per block. */
    private long blocksFirst;
    private long blocksEnd;
    private int blockSize;
    /** {@code suffixes[b]}: the state of the events of block {@code b} and of every block after it. */
    private Object[] suffixes = new Object[0];

    WindowedPart(int index, int column, Window window) {
      this.index = index;
      this.column = column;
      this.window = window;
      this.partial = columns.column(column).partial();
    }

    void reset(long firstSequence) {
      startCursor = firstSequence;
      cached = null;
      blocksUntil = Long.MIN_VALUE;
      Arrays.fill(suffixes, null);
    }

    Object result(WindowSplit split) {
      while (startCursor < buffer.nextSequence() && buffer.time(startCursor) < split.startFrom()) {
        startCursor++;
      }
      if (split.startUntil() != blocksUntil) {
        cutBlocks(split.startUntil());
      }
      Object state = partial.empty();
      long block = (startCursor - blocksFirst + blockSize - 1) / blockSize;
      long blockStart = Math.min(blocksFirst + block * blockSize, blocksEnd);
      for (long s = startCursor; s < blockStart; s++) {
        addTo(column, state, s);
      }
      if (blockStart < blocksEnd) {
        state = partial.merge(state, suffixes[(int) block]);
      }
      if (split.hasDays()) {
        state = partial.merge(state, wholeDays(split.firstDay(), split.lastDay()));
      }
      return partial.finish(partial.merge(state, endStates[column]));
    }

    /**
     * Cuts the events from {@link #startCursor} up to {@code until} into blocks and merges their suffix states, newest
     * first. Every event before {@code until} is in the buffer: the query that asks for them comes after them, since
     * its start ends at or before its own time.
     */
    private void cutBlocks(long until) {
      long end = startCursor;
      while (end < buffer.nextSequence() && buffer.time(end) < until) {
        end++;
      }
      long events = end - startCursor;
      blocksUntil = until;
      blocksFirst = startCursor;
      blocksEnd = end;
      blockSize = Math.max(MIN_BLOCK, (int) Math.ceil(Math.sqrt(events)));
      int blocks = (int) ((events + blockSize - 1) / blockSize);
      if (suffixes.length < blocks) {
        suffixes = new Object[Math.max(blocks, 2 * suffixes.length)];
      }
      Object after = null;
      for (int b = blocks - 1; b >= 0; b--) {
        Object state = partial.empty();
        long from = blocksFirst + (long) b * blockSize;
        for (long s = from; s < Math.min(from + blockSize, end); s++) {
          addTo(column, state, s);
        }
        after = after == null ? state : partial.merge(state, after);
        suffixes[b] = after;
      }
      Arrays.fill(suffixes, blocks, suffixes.length, null);
    }

    /**
     * The merged state of the pieces from day first to day last, extending the previous query's when it can; {@code
     * cachedLast} is the last day merged.
     */
    private Object wholeDays(long first, long last) {
      if (cached == null || cachedFirst != first || cachedLast > last) {
        Map.Entry<Long, Piece> before = pieces.lowerEntry(first);
        if (before != null && before.getValue().piece.lastDay() >= first) {
          throw new IllegalStateException("Cannot answer a query as of " + lastQuery
              + " from the partial aggregates of " + before.getValue().piece + ": its window's whole days begin "
              + "inside them, on " + PartitionDates.dayOf(first * DAY) + "; read the pieces PartialNeeds lists");
        }
        cached = partial.empty();
        cachedFirst = first;
        cachedLast = first - 1;
      }
      for (Piece piece : pieces.subMap(cachedLast, false, last, true).values()) {
        checkCovered(piece, last);
        cached = partial.merge(cached, piece.states[column]);
        cachedLast = piece.piece.lastDay();
      }
      return cached;
    }
  }
}
