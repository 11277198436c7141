package io.tidemark.aggregator;

/**
 * The partial of SUM over floating-point values and of AVERAGE: the compensated sum of the finite values, the count of
 * all values and how many of them are NaN or infinite, finished as {@link FloatingSum} finishes them. Days merge by
 * adding one compensated sum into the other, so a merged sum can differ from the sweep's in the last bits (the sweep
 * adds and subtracts single values); both are within a few units in the last place of the exact sum. Encoded as the
 * sum and its compensation (IEEE doubles), the count and the non-finite count (unsigned varints).
 */
final class FloatingSumPartial implements Partial<FloatingSumPartial.State> {
  private final FloatingSum.Result result;

  FloatingSumPartial(FloatingSum.Result result) {
    this.result = result;
  }

  @Override
  public State empty() {
    return new State(new CompensatedSum(), 0, 0);
  }

  @Override
  public void add(State state, long time, Object value) {
    double number = ((Number) value).doubleValue();
    if (Double.isFinite(number)) {
      state.sum.add(number);
    } else {
      state.nonFinite++;
    }
    state.count++;
  }

  @Override
  public State merge(State older, State newer) {
    CompensatedSum sum = new CompensatedSum(older.sum.sum(), older.sum.compensation());
    sum.add(newer.sum);
    return new State(sum, older.count + newer.count, older.nonFinite + newer.nonFinite);
  }

  @Override
  public Object finish(State state) {
    return result.of(state.sum, state.count, state.nonFinite);
  }

  @Override
  public void write(State state, StateWriter out) {
    out.writeDouble(state.sum.sum());
    out.writeDouble(state.sum.compensation());
    out.writeUnsigned(state.count);
    out.writeUnsigned(state.nonFinite);
  }

  @Override
  public State read(StateReader in) {
    CompensatedSum sum = new CompensatedSum(in.readDouble(), in.readDouble());
    long count = in.readUnsigned();
    return new State(sum, count, in.readUnsigned());
  }

  static final class State {
    private final CompensatedSum sum;
    private long count;
    private long nonFinite;

    State(CompensatedSum sum, long count, long nonFinite) {
      this.sum = sum;
      this.count = count;
      this.nonFinite = nonFinite;
    }
  }
}
