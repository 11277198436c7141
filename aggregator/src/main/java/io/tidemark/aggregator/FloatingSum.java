package io.tidemark.aggregator;

/**
 * The running sum and count of numeric inputs, finished as their SUM (floating-point inputs) or their AVERAGE (any
 * numeric input). NaN and infinite results are NULL.
 */
final class FloatingSum implements ColumnAggregator {
  /** What the sum and count finish into. */
  enum Result {
    SUM,
    AVERAGE
  }

  private final Result result;
  private double sum;
  private long count;

  FloatingSum(Result result) {
    this.result = result;
  }

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
    if (count == 0) {
      return null;
    }
    return Numbers.finiteOrNull(result == Result.SUM ? sum : sum / count);
  }

  @Override
  public void reset() {
    sum = 0;
    count = 0;
  }
}
