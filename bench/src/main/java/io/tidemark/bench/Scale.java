package io.tidemark.bench;

import java.util.Locale;

/** How big the generated workload is: left query rows, right event rows, distinct keys. */
public enum Scale {
  /** For the correctness test: every formulation on a tiny workload. */
  XS(10_000, 100_000, 1_000),
  S(100_000, 1_000_000, 10_000),
  M(1_000_000, 10_000_000, 100_000);

  private final long leftRows;
  private final long rightRows;
  private final long keys;

  Scale(long leftRows, long rightRows, long keys) {
    this.leftRows = leftRows;
    this.rightRows = rightRows;
    this.keys = keys;
  }

  public long leftRows() {
    return leftRows;
  }

  public long rightRows() {
    return rightRows;
  }

  public long keys() {
    return keys;
  }

  public String describe() {
    return String.format(Locale.ROOT, "%s: %,d left x %,d right x %,d keys", name(), leftRows, rightRows, keys);
  }
}
