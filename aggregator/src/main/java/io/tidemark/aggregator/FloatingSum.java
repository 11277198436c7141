package io.tidemark.aggregator;

/**
 * The running sum and count of numeric inputs, finished as their SUM (floating-point inputs) or their AVERAGE (any
 * numeric input). NaN and infinite results are NULL.
 *
 * <p>Windows add and subtract every value, so rounding errors would pile up over a long history; the sum is kept
 * with Neumaier's compensation, and starts again from exactly zero whenever the window is empty. NaN and infinite
 * values are counted apart rather than summed (NaN minus NaN is not zero), and make the result NULL while they are in
 * the window.
 */
final class FloatingSum implements ColumnAggregator {
  /** What the sum and count finish into. */
  enum Result {
    SUM,
    AVERAGE;

    /** The finished value of {@code count} values summing to {@code sum}, {@code nonFinite} of them NaN or infinite. */
    Object of(CompensatedSum sum, long count, long nonFinite) {
      if (count == 0 || nonFinite > 0) {
        return null;
      }
      double total = sum.total();
      return Values.sane(this == SUM ? total : total / count);
    }
  }

  private final Result result;
  private final CompensatedSum sum = new CompensatedSum();
  private long count;
  private long nonFinite;

  FloatingSum(Result result) {
    this.result = result;
  }

  @Override
  public void add(long sequence, Object value) {
    if (value != null) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        sum.add(number);
      } else {
        nonFinite++;
      }
      count++;
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    if (value != null) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        sum.add(-number);
      } else {
        nonFinite--;
      }
      count--;
      if (count == 0) {
        reset();
      }
    }
  }

  @Override
  public void retract(Object value) {
    remove(0, value);
  }

  @Override
  public Object result() {
    return result.of(sum, count, nonFinite);
  }

  @Override
  public void reset() {
    sum.clear();
    count = 0;
    nonFinite = 0;
  }
}
