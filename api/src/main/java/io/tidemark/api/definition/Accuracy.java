package io.tidemark.api.definition;

/**
 * How exactly a GroupBy's features follow the left row's time. TEMPORAL: as of the left row's millisecond. SNAPSHOT:
 * as of the midnight (UTC) before it.
 */
public enum Accuracy implements ThriftEnum {
  TEMPORAL(0),
  SNAPSHOT(1);

  private final int thriftId;

  Accuracy(int thriftId) {
    this.thriftId = thriftId;
  }

  @Override
  public int thriftId() {
    return thriftId;
  }
}
