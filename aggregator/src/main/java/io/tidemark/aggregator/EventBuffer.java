package io.tidemark.aggregator;

/**
 * The events of one key that some window may still need, addressed by sequence number. Events are appended in time
 * order and dropped from the old end; storage is a ring that grows as needed.
 */
final class EventBuffer {
  private long[] times = new long[16];
  private Object[][] inputs = new Object[16][];
  private long first;
  private long next;

  /** Appends an event and returns its sequence number. */
  long append(long time, Object[] values) {
    if (next - first == times.length) {
      grow();
    }
    int slot = slot(next);
    times[slot] = time;
    inputs[slot] = values;
    return next++;
  }

  long time(long sequence) {
    return times[slot(sequence)];
  }

  Object[] inputs(long sequence) {
    return inputs[slot(sequence)];
  }

  /** The sequence number the next event will get. */
  long nextSequence() {
    return next;
  }

  /** Forgets every event before {@code sequence}. */
  void dropBefore(long sequence) {
    while (first < sequence) {
      inputs[slot(first)] = null;
      first++;
    }
  }

  void clear() {
    dropBefore(next);
  }

  private int slot(long sequence) {
    return (int) (sequence % times.length);
  }

  private void grow() {
    int capacity = times.length * 2;
    long[] newTimes = new long[capacity];
    Object[][] newInputs = new Object[capacity][];
    for (long sequence = first; sequence < next; sequence++) {
      newTimes[(int) (sequence % capacity)] = times[slot(sequence)];
      newInputs[(int) (sequence % capacity)] = inputs[slot(sequence)];
    }
    times = newTimes;
    inputs = newInputs;
  }
}
