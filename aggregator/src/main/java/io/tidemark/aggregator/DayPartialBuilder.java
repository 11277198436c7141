package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.PartitionDates;

/**
 * Builds the partial aggregates of one key and one UTC day from that day's events, in time order, for a
 * partial-aggregate table: one encoded state per {@link PartialColumns} entry. Call {@link #reset} before the next key
 * or day.
 */
public final class DayPartialBuilder {
  private final PartialColumns columns;
  private final Object[] states;
  private long day = Long.MIN_VALUE;
  private long lastTime = Long.MIN_VALUE;

  public DayPartialBuilder(PartialColumns columns) {
    this.columns = requireNonNull(columns, "columns is null");
    this.states = new Object[columns.size()];
    reset();
  }

  /** Starts over for the next key or day. */
  public void reset() {
    for (int c = 0; c < states.length; c++) {
      states[c] = columns.column(c).partial().empty();
    }
    day = Long.MIN_VALUE;
    lastTime = Long.MIN_VALUE;
  }

  /** Adds an event; all events of one build fall on one UTC day, and times must not go backwards. */
  public void addEvent(long time, Object[] inputValues) {
    long eventDay = Math.floorDiv(time, PartitionDates.DAY_MILLIS);
    // Called per event: the day is written out only for the message.
    if (day != Long.MIN_VALUE && eventDay != day) {
      throw new IllegalArgumentException("Cannot add an event at " + time + " to the partial aggregates of "
          + PartitionDates.dayOf(day * PartitionDates.DAY_MILLIS) + ": it is on another day");
    }
    checkArgument(time >= lastTime, "Cannot add event at %s: an event at %s came before it", time, lastTime);
    day = eventDay;
    lastTime = time;
    for (int c = 0; c < states.length; c++) {
      Object value = columns.valueOf(c, inputValues);
      if (value != null) {
        columns.column(c).partial().add(states[c], time, value);
      }
    }
  }

  /** The day's encoded states, one per column, in the order of {@link PartialColumns#aggregations}. */
  public byte[][] build() {
    byte[][] encoded = new byte[states.length][];
    for (int c = 0; c < states.length; c++) {
      encoded[c] = columns.column(c).encode(states[c]);
    }
    return encoded;
  }
}
