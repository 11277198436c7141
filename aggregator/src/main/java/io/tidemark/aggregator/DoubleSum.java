package io.tidemark.aggregator;

/** SUM of floating-point inputs, as a double; NaN and infinite sums are NULL. */
final class DoubleSum implements ColumnAggregator {
  private double sum;
  private long count;

  @Override
  public void add(long sequence, Object value) {
    if (value != null) {
      sum += ((Number) value).doubleValue();
      count++;
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    if (value != null) {
      sum -= ((Number) value).doubleValue();
      count--;
    }
  }

  @Override
  public Object result() {
    return count == 0 ? null : Numbers.finiteOrNull(sum);
  }

  @Override
  public void reset() {
    sum = 0;
    count = 0;
  }
}
