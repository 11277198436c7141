package io.tidemark.api.definition;

/**
 * An enum of the definitions that Chronon's compiled confs write as a thrift number. The JSON reader accepts either
 * the constant's name or this number.
 */
public interface ThriftEnum {
  int thriftId();
}
