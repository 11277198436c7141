package io.tidemark.aggregator;

/** COUNT: the number of non-null inputs, as a long. */
final class Count implements ColumnAggregator {
  private long count;

  @Override
  public void add(long sequence, Object value) {
    if (value != null) {
      count++;
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    if (value != null) {
      count--;
    }
  }

  @Override
  public void retract(Object value) {
    remove(0, value);
  }

  @Override
  public Object result() {
    return count == 0 ? null : count;
  }

  @Override
  public void reset() {
    count = 0;
  }
}
