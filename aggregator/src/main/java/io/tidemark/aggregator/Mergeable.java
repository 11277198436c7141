package io.tidemark.aggregator;

/**
 * An aggregation whose states merge (a monoid): moments, sketches. States passed to {@link #union} are never changed,
 * so a state can be shared by several windows' partial results.
 *
 * @param <S> the state
 */
interface Mergeable<S> {
  S empty();

  /** Adds a non-null value to a state this caller owns. */
  void update(S state, Object value);

  /** A new state holding both; neither argument changes. */
  S union(S older, S newer);

  /** The output value, or null when the state holds nothing worth reporting. */
  Object result(S state);
}
