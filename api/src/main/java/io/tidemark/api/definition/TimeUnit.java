package io.tidemark.api.definition;

/** Window length units, with Chronon's thrift numbers. */
public enum TimeUnit implements ThriftEnum {
  HOURS(0, 3_600_000L, "h"),
  DAYS(1, 86_400_000L, "d");

  private final int thriftId;
  private final long millis;
  private final String suffix;

  TimeUnit(int thriftId, long millis, String suffix) {
    this.thriftId = thriftId;
    this.millis = millis;
    this.suffix = suffix;
  }

  @Override
  public int thriftId() {
    return thriftId;
  }

  public long millis() {
    return millis;
  }

  /** The unit letter in output column names: {@code 3d}, {@code 12h}. */
  public String suffix() {
    return suffix;
  }
}
