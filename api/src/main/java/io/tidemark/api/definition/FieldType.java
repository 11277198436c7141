package io.tidemark.api.definition;

/**
 * The type of an external part's field, as Chronon's {@code DataKind} names and numbers it. Only scalar kinds are
 * accepted; Chronon's MAP, LIST and STRUCT (11-13) are not.
 */
public enum FieldType implements ThriftEnum {
  BOOLEAN(0),
  BYTE(1),
  SHORT(2),
  INT(3),
  LONG(4),
  FLOAT(5),
  DOUBLE(6),
  STRING(7),
  BINARY(8),
  DATE(9),
  TIMESTAMP(10);

  private final int thriftId;

  FieldType(int thriftId) {
    this.thriftId = thriftId;
  }

  @Override
  public int thriftId() {
    return thriftId;
  }
}
