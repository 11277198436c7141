package io.tidemark.aggregator;

/** An unwindowed mergeable aggregation: one state that only grows. */
final class RunningMergeable<S> implements ColumnAggregator {
  private final Mergeable<S> mergeable;
  private S state;
  private boolean empty = true;

  RunningMergeable(Mergeable<S> mergeable) {
    this.mergeable = mergeable;
    this.state = mergeable.empty();
  }

  @Override
  public void add(long sequence, Object value) {
    if (value != null) {
      mergeable.update(state, value);
      empty = false;
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    throw new UnsupportedOperationException("An unwindowed aggregation never removes values");
  }

  @Override
  public Object result() {
    return empty ? null : mergeable.result(state);
  }

  @Override
  public void reset() {
    state = mergeable.empty();
    empty = true;
  }
}
