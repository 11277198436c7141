package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;
import static io.tidemark.api.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes a GroupBy's aggregations for one key at a time, in a single pass over that key's events and queries sorted
 * by time. Windows are exact: a query as of {@code t} sees the events with {@code t - W <= time < t}; an event at
 * exactly {@code t} is not seen.
 *
 * <p>Feed a key's stream in time order, with queries before events of the same time: {@link #addEvent} for each event,
 * {@link #query} for each left row. Each finite window keeps a cursor into a shared buffer of recent events and takes
 * events back out of its aggregators as they fall behind the window, so every event is added and removed once per
 * window. Call {@link #reset} before the next key.
 */
public final class PointInTimeSweep {
  private final PartValues partValues;
  private final ColumnAggregator[] aggregators;
  private final List<WindowCursor> cursors = new ArrayList<>();
  private final EventBuffer buffer = new EventBuffer();
  private long lastEventTime = Long.MIN_VALUE;

  /**
   * @param parts the output columns, in order
   * @param inputs the input columns (aggregated and bucket columns), in the order {@link #addEvent} receives their
   *     values, with their types; lists and maps arrive as Java lists and maps
   * @param deletes whether {@link #retractEvent} will be called, in which case no part may have a window
   */
  public PointInTimeSweep(List<AggregationPart> parts, Map<String, InputType> inputs, Deletes deletes) {
    this.partValues = new PartValues(parts, inputs);
    this.aggregators = new ColumnAggregator[parts.size()];
    Map<Long, List<Integer>> partsByWindow = new TreeMap<>();
    for (int i = 0; i < parts.size(); i++) {
      AggregationPart part = parts.get(i);
      Window window = part.window();
      checkArgument(deletes == Deletes.NONE || window == null, "Cannot sweep %s: deletes and windows do not mix", part);
      ColumnPlan plan = Operators.plan(part, requireNonNull(inputs.get(part.inputColumn())));
      // Deletes need the states that can take a value back (counts per value), which windows use too.
      Eviction eviction = window == null && deletes == Deletes.NONE ? Eviction.NONE : Eviction.OLDEST_FIRST;
      aggregators[i] = Operators.create(part, plan, eviction);
      if (window != null) {
        partsByWindow.computeIfAbsent(window.millis(), ignored -> new ArrayList<>()).add(i);
      }
    }
    partsByWindow.forEach((millis, indexes) -> cursors.add(new WindowCursor(millis, indexes)));
  }

  /** Starts over for the next key. */
  public void reset() {
    for (ColumnAggregator aggregator : aggregators) {
      aggregator.reset();
    }
    buffer.clear();
    for (WindowCursor cursor : cursors) {
      cursor.start = buffer.nextSequence();
    }
    lastEventTime = Long.MIN_VALUE;
  }

  /** Adds an event of the current key; times must not go backwards. */
  public void addEvent(long time, Object[] inputValues) {
    checkArgument(time >= lastEventTime, "Cannot add event at %s: an event at %s came before it", time, lastEventTime);
    lastEventTime = time;
    long sequence = cursors.isEmpty() ? buffer.nextSequence() : buffer.append(time, inputValues);
    for (int i = 0; i < aggregators.length; i++) {
      aggregators[i].add(sequence, valueOf(i, inputValues));
    }
  }

  /** Takes back an earlier event's values (an entity mutation deleting a row); times must not go backwards. */
  public void retractEvent(long time, Object[] inputValues) {
    checkArgument(time >= lastEventTime, "Cannot retract at %s: an event at %s came before it", time, lastEventTime);
    lastEventTime = time;
    for (int i = 0; i < aggregators.length; i++) {
      aggregators[i].retract(valueOf(i, inputValues));
    }
  }

  /**
   * The value of every output column as of {@code asOf} (exclusive), in the order of the parts. Every event added so
   * far must be earlier than {@code asOf}.
   */
  public Object[] query(long asOf) {
    checkState(lastEventTime < asOf, "Cannot query as of %s: an event at %s was already added", asOf, lastEventTime);
    long keepFrom = buffer.nextSequence();
    for (WindowCursor cursor : cursors) {
      cursor.advance(asOf);
      keepFrom = Math.min(keepFrom, cursor.start);
    }
    buffer.dropBefore(keepFrom);
    Object[] results = new Object[aggregators.length];
    for (int i = 0; i < aggregators.length; i++) {
      results[i] = aggregators[i].result();
    }
    return results;
  }

  private Object valueOf(int part, Object[] inputValues) {
    return partValues.valueOf(part, inputValues);
  }

  /** The oldest event still inside one window length, and the columns computed over that window. */
  private final class WindowCursor {
    private final long millis;
    private final int[] partIndexes;
    private long start;

    WindowCursor(long millis, List<Integer> partIndexes) {
      this.millis = millis;
      this.partIndexes = partIndexes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Takes back every event that is older than {@code asOf - millis}. */
    void advance(long asOf) {
      long windowStart = asOf - millis;
      long end = buffer.nextSequence();
      while (start < end && buffer.time(start) < windowStart) {
        Object[] inputValues = buffer.inputs(start);
        for (int part : partIndexes) {
          aggregators[part].remove(start, valueOf(part, inputValues));
        }
        start++;
      }
    }
  }
}
