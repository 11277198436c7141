package io.tidemark.aggregator;

/**
 * The partial of an aggregation whose states already merge (moments, sketches): that state, plus whether any value
 * reached it, since the sweep's answer for no values is NULL while an empty sketch would still report a number. The
 * state is built, merged and finished by the same {@link Mergeable} the sweep uses. Encoded as one byte (0 no values,
 * 1 some) followed, when there are values, by the state as its {@link StateCodec} writes it.
 *
 * @param <S> the mergeable state
 */
final class MergeablePartial<S> implements Partial<MergeablePartial.Held<S>> {
  private final Mergeable<S> mergeable;
  private final StateCodec<S> codec;

  <M extends Mergeable<S> & StateCodec<S>> MergeablePartial(M mergeable) {
    this.mergeable = mergeable;
    this.codec = mergeable;
  }

  /** A state and whether any value reached it. */
  static final class Held<S> {
    private final S state;
    private boolean seen;

    Held(S state, boolean seen) {
      this.state = state;
      this.seen = seen;
    }
  }

  @Override
  public Held<S> empty() {
    return new Held<>(mergeable.empty(), false);
  }

  @Override
  public void add(Held<S> held, long time, Object value) {
    mergeable.update(held.state, value);
    held.seen = true;
  }

  @Override
  public Held<S> merge(Held<S> older, Held<S> newer) {
    if (!older.seen || !newer.seen) {
      return older.seen ? older : newer;
    }
    return new Held<>(mergeable.union(older.state, newer.state), true);
  }

  @Override
  public Object finish(Held<S> held) {
    return held.seen ? mergeable.result(held.state) : null;
  }

  @Override
  public void write(Held<S> held, StateWriter out) {
    out.writeByte(held.seen ? 1 : 0);
    if (held.seen) {
      codec.write(held.state, out);
    }
  }

  @Override
  public Held<S> read(StateReader in) {
    int seen = in.readByte();
    if (seen > 1) {
      throw StateReader.damaged("flag " + seen);
    }
    return seen == 1 ? new Held<>(codec.read(in), true) : empty();
  }
}
