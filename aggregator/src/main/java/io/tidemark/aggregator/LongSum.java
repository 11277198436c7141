package io.tidemark.aggregator;

/** SUM of integral or boolean inputs (true counts 1), as a long. */
final class LongSum implements ColumnAggregator {
  private long sum;
  private long count;

  @Override
  public void add(long sequence, Object value) {
    if (value != null) {
      sum += toLong(value);
      count++;
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    if (value != null) {
      sum -= toLong(value);
      count--;
    }
  }

  @Override
  public void retract(Object value) {
    remove(0, value);
  }

  @Override
  public Object result() {
    return count == 0 ? null : sum;
  }

  @Override
  public void reset() {
    sum = 0;
    count = 0;
  }

  /** A summed value as a long: booleans count 1 when true. */
  static long toLong(Object value) {
    return value instanceof Boolean bool ? (bool ? 1 : 0) : ((Number) value).longValue();
  }
}
