package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;
import static io.tidemark.api.Preconditions.checkState;

import io.tidemark.api.definition.AggregationPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One key's aggregations over entity rows replayed in arrival order (TEMPORAL entities: the previous day's snapshot,
 * then the day's mutations), where a window follows each row's own time rather than its arrival: a query as of
 * {@code t} sees the rows that arrived before {@code t} whose time is in {@code [t - W, t)}, and takes back the deleted
 * rows whose time is in it. Deletes are applied as {@link Deletes#APPLIED} says.
 *
 * <p>A mutation can change a row of last week, so rows do not leave a window in the order they arrived, and the
 * oldest-first eviction of {@link PointInTimeSweep} does not apply. Each query of a windowed column therefore replays
 * the key's rows in its window into a fresh state; a query at the same time as the one before, with no row between,
 * reuses its answer. That costs the key's rows times its distinct query times, per window length, which suits the
 * few rows an entity key has in a day (the replay starts over for each key and day). Unwindowed columns are kept
 * running, as in {@link PointInTimeSweep}.
 */
public final class MutationReplay {
  /** The time of a row that has none: it is in no window. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private final int partCount;
  private final int[] unwindowedIndexes;
  private final PointInTimeSweep unwindowed;
  private final List<WindowGroup> windows = new ArrayList<>();
  private final List<ReplayedRow> rows = new ArrayList<>();
  private long lastArrival = Long.MIN_VALUE;
  private long lastQuery = Long.MIN_VALUE;
  private Object[] lastResults;

  /**
   * @param parts the output columns, in order
   * @param inputs the input columns, in the order the rows carry their values, with their types
   */
  public MutationReplay(List<AggregationPart> parts, Map<String, InputType> inputs) {
    this.partCount = parts.size();
    List<AggregationPart> running = new ArrayList<>();
    List<Integer> runningIndexes = new ArrayList<>();
    Map<Long, List<Integer>> partsByWindow = new TreeMap<>();
    for (int i = 0; i < parts.size(); i++) {
      AggregationPart part = parts.get(i);
      if (part.window() == null) {
        running.add(part);
        runningIndexes.add(i);
      } else {
        partsByWindow.computeIfAbsent(part.window().millis(), ignored -> new ArrayList<>()).add(i);
      }
    }
    this.unwindowedIndexes = runningIndexes.stream().mapToInt(Integer::intValue).toArray();
    this.unwindowed = running.isEmpty() ? null : new PointInTimeSweep(running, inputs, Deletes.APPLIED);
    partsByWindow.forEach((millis, indexes) -> {
      List<AggregationPart> replayed = new ArrayList<>();
      for (int index : indexes) {
        AggregationPart part = parts.get(index);
        replayed.add(new AggregationPart(part.inputColumn(), part.operation(), part.argMap(), null, part.bucket()));
      }
      windows.add(new WindowGroup(millis, indexes.stream().mapToInt(Integer::intValue).toArray(),
          new PointInTimeSweep(replayed, inputs, Deletes.APPLIED)));
    });
  }

  /** Starts over for the next key (or the next day of a key). */
  public void reset() {
    if (unwindowed != null) {
      unwindowed.reset();
    }
    rows.clear();
    lastArrival = Long.MIN_VALUE;
    lastQuery = Long.MIN_VALUE;
    lastResults = null;
  }

  /**
   * Adds a row that arrived at {@code arrival} (arrivals must not go backwards), whose own time is {@code rowTime}
   * ({@link #NO_TIME} when it has none).
   */
  public void add(long arrival, long rowTime, Object[] inputValues) {
    append(arrival, rowTime, inputValues, false);
  }

  /** Takes back a row, as {@link #add} adds one: a mutation that deletes it. */
  public void retract(long arrival, long rowTime, Object[] inputValues) {
    append(arrival, rowTime, inputValues, true);
  }

  /** The value of every output column as of {@code asOf} (exclusive); every row so far arrived before it. */
  public Object[] query(long asOf) {
    checkState(lastArrival < asOf, "Cannot query as of %s: a row arriving at %s was already added", asOf,
        lastArrival);
    if (asOf == lastQuery && lastResults != null) {
      return lastResults.clone();
    }
    Object[] results = new Object[partCount];
    if (unwindowed != null) {
      Object[] running = unwindowed.query(asOf);
      for (int i = 0; i < unwindowedIndexes.length; i++) {
        results[unwindowedIndexes[i]] = running[i];
      }
    }
    for (WindowGroup window : windows) {
      Object[] values = window.replay(asOf);
      for (int i = 0; i < window.partIndexes.length; i++) {
        results[window.partIndexes[i]] = values[i];
      }
    }
    lastQuery = asOf;
    lastResults = results;
    return results.clone();
  }

  private void append(long arrival, long rowTime, Object[] inputValues, boolean deletes) {
    checkArgument(arrival >= lastArrival, "Cannot add a row arriving at %s: one arriving at %s came before it",
        arrival, lastArrival);
    lastArrival = arrival;
    lastResults = null;
    if (unwindowed != null) {
      if (deletes) {
        unwindowed.retractEvent(arrival, inputValues);
      } else {
        unwindowed.addEvent(arrival, inputValues);
      }
    }
    if (!windows.isEmpty() && rowTime != NO_TIME) {
      rows.add(new ReplayedRow(arrival, rowTime, inputValues.clone(), deletes));
    }
  }

  private record ReplayedRow(long arrival, long rowTime, Object[] inputValues, boolean deletes) {}

  /** The columns over one window length, computed by replaying the rows in the window into an unwindowed sweep. */
  private final class WindowGroup {
    private final long millis;
    private final int[] partIndexes;
    private final PointInTimeSweep sweep;

    WindowGroup(long millis, int[] partIndexes, PointInTimeSweep sweep) {
      this.millis = millis;
      this.partIndexes = partIndexes;
      this.sweep = sweep;
    }

    Object[] replay(long asOf) {
      sweep.reset();
      long windowStart = asOf - millis;
      for (ReplayedRow row : rows) {
        if (row.rowTime() >= windowStart && row.rowTime() < asOf) {
          if (row.deletes()) {
            sweep.retractEvent(row.arrival(), row.inputValues());
          } else {
            sweep.addEvent(row.arrival(), row.inputValues());
          }
        }
      }
      return sweep.query(asOf);
    }
  }
}
