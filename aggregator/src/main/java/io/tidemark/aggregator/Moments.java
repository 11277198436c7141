package io.tidemark.aggregator;

/**
 * VARIANCE, SKEW and KURTOSIS from the count, mean and central moment sums of the inputs. Values are added with the
 * one-pass update of Welford and Terriberry and states are merged with the formulas of Chan and Pébay, so windows
 * never subtract and long histories do not drift.
 */
final class Moments implements Mergeable<Moments.State>, StateCodec<Moments.State> {
  enum Statistic {
    /** Population variance, m2 / n. */
    VARIANCE,
    /** sqrt(n) m3 / m2^1.5; NULL below 3 values or without spread. */
    SKEW,
    /** Excess kurtosis, n m4 / m2^2 - 3; NULL below 4 values or without spread. */
    KURTOSIS
  }

  private final Statistic statistic;

  Moments(Statistic statistic) {
    this.statistic = statistic;
  }

  @Override
  public State empty() {
    return new State();
  }

  @Override
  public void update(State state, Object value) {
    double x = ((Number) value).doubleValue();
    double n1 = state.n;
    state.n++;
    double n = state.n;
    double delta = x - state.mean;
    double deltaN = delta / n;
    double deltaN2 = deltaN * deltaN;
    double term = delta * deltaN * n1;
    state.mean += deltaN;
    state.m4 += term * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * state.m2 - 4 * deltaN * state.m3;
    state.m3 += term * deltaN * (n - 2) - 3 * deltaN * state.m2;
    state.m2 += term;
  }

  @Override
  public State union(State a, State b) {
    State merged = new State();
    if (a.n == 0 || b.n == 0) {
      State only = a.n == 0 ? b : a;
      merged.n = only.n;
      merged.mean = only.mean;
      merged.m2 = only.m2;
      merged.m3 = only.m3;
      merged.m4 = only.m4;
      return merged;
    }
    double na = a.n;
    double nb = b.n;
    double n = na + nb;
    double delta = b.mean - a.mean;
    double delta2 = delta * delta;
    merged.n = a.n + b.n;
    merged.mean = a.mean + delta * nb / n;
    merged.m2 = a.m2 + b.m2 + delta2 * na * nb / n;
    merged.m3 = a.m3 + b.m3 + delta2 * delta * na * nb * (na - nb) / (n * n)
        + 3 * delta * (na * b.m2 - nb * a.m2) / n;
    merged.m4 = a.m4 + b.m4 + delta2 * delta2 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n)
        + 6 * delta2 * (na * na * b.m2 + nb * nb * a.m2) / (n * n) + 4 * delta * (na * b.m3 - nb * a.m3) / n;
    return merged;
  }

  @Override
  public Object result(State state) {
    double n = state.n;
    double value = switch (statistic) {
      case VARIANCE -> state.m2 / n;
      case SKEW -> n < 3 || state.m2 == 0 ? Double.NaN : Math.sqrt(n) * state.m3 / Math.pow(state.m2, 1.5);
      case KURTOSIS -> n < 4 || state.m2 == 0 ? Double.NaN : n * state.m4 / (state.m2 * state.m2) - 3;
    };
    return Values.sane(value);
  }

  /** Writes the count (unsigned varint), then the mean, m2, m3 and m4 (IEEE doubles). */
  @Override
  public void write(State state, StateWriter out) {
    out.writeUnsigned(state.n);
    out.writeDouble(state.mean);
    out.writeDouble(state.m2);
    out.writeDouble(state.m3);
    out.writeDouble(state.m4);
  }

  @Override
  public State read(StateReader in) {
    State state = new State();
    state.n = in.readUnsigned();
    state.mean = in.readDouble();
    state.m2 = in.readDouble();
    state.m3 = in.readDouble();
    state.m4 = in.readDouble();
    return state;
  }

  /** Count, mean and the sums of the 2nd, 3rd and 4th powers of deviations from the mean. */
  static final class State {
    private long n;
    private double mean;
    private double m2;
    private double m3;
    private double m4;
  }
}
