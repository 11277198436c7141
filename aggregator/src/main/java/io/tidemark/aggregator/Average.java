package io.tidemark.aggregator;

/** AVERAGE of numeric inputs, as a double. */
final class Average implements ColumnAggregator {
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
    return count == 0 ? null : Numbers.finiteOrNull(sum / count);
  }

  @Override
  public void reset() {
    sum = 0;
    count = 0;
  }
}
