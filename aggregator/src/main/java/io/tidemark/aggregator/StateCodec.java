package io.tidemark.aggregator;

/**
 * How a {@link Mergeable}'s state is written into a partial aggregate and read back, kept by the class that owns the
 * state, which alone sees inside it.
 *
 * @param <S> the state
 */
interface StateCodec<S> {
  void write(S state, StateWriter out);

  S read(StateReader in);
}
