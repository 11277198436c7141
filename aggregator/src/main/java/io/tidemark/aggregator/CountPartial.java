package io.tidemark.aggregator;

/** COUNT's partial: the number of non-null values. Encoded as one unsigned varint. */
final class CountPartial implements Partial<long[]> {
  @Override
  public long[] empty() {
    return new long[1];
  }

  @Override
  public void add(long[] count, long time, Object value) {
    count[0]++;
  }

  @Override
  public long[] merge(long[] older, long[] newer) {
    return new long[] {older[0] + newer[0]};
  }

  @Override
  public Object finish(long[] count) {
    return count[0] == 0 ? null : count[0];
  }

  @Override
  public void write(long[] count, StateWriter out) {
    out.writeUnsigned(count[0]);
  }

  @Override
  public long[] read(StateReader in) {
    return new long[] {in.readUnsigned()};
  }
}
