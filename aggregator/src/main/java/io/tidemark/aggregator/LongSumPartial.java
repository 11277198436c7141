package io.tidemark.aggregator;

/**
 * SUM's partial over integral or boolean values: the sum (wrapping on overflow exactly as the sweep's does, so merged
 * days agree with it) and the count, which tells an empty sum (NULL) from a zero one. Encoded as a zigzag varint sum
 * and an unsigned varint count.
 */
final class LongSumPartial implements Partial<long[]> {
  private static final int SUM = 0;
  private static final int COUNT = 1;

  @Override
  public long[] empty() {
    return new long[2];
  }

  @Override
  public void add(long[] state, long time, Object value) {
    state[SUM] += LongSum.toLong(value);
    state[COUNT]++;
  }

  @Override
  public long[] merge(long[] older, long[] newer) {
    return new long[] {older[SUM] + newer[SUM], older[COUNT] + newer[COUNT]};
  }

  @Override
  public Object finish(long[] state) {
    return state[COUNT] == 0 ? null : state[SUM];
  }

  @Override
  public void write(long[] state, StateWriter out) {
    out.writeSigned(state[SUM]);
    out.writeUnsigned(state[COUNT]);
  }

  @Override
  public long[] read(StateReader in) {
    long sum = in.readSigned();
    return new long[] {sum, in.readUnsigned()};
  }
}
