package io.tidemark.aggregator;

/**
 * The mergeable intermediate state of one aggregation over some events of one key, typically one UTC day's: built from
 * the events, merged with the states of other days, encoded into bytes that a table stores, and finished into the
 * value the sweep gives for the same events. A window is then answered from the states of its whole days plus the raw
 * events at its two ends, without reading the whole window's events again.
 *
 * <p>Merging is associative. It is not commutative for the timed operations (FIRST, LAST and their k forms), so
 * {@link #merge} takes the older state first. A merged state may share parts with its arguments: a state that has been
 * merged must not be changed while the merged one is still in use.
 *
 * @param <S> the state
 */
interface Partial<S> {
  /** A state of no events, which the caller owns and may {@link #add} to. */
  S empty();

  /** Adds a non-null value of an event at {@code time}; events are added in time order. */
  void add(S state, long time, Object value);

  /** The state of the events of both, {@code older}'s events all being before {@code newer}'s; neither changes. */
  S merge(S older, S newer);

  /** The aggregation's value over the state's events, or null when they hold no value, exactly as the sweep says. */
  Object finish(S state);

  /** Writes the state; {@link #read} reads it back. The layouts are described in {@code docs/partial-aggregates.md}. */
  void write(S state, StateWriter out);

  S read(StateReader in);
}
