package io.tidemark.aggregator;

/** The families of input column types that decide which operations apply and what they output. */
public enum InputKind {
  BOOLEAN,
  /** byte, short, int, long */
  INTEGRAL,
  /** float, double */
  FLOATING,
  DECIMAL,
  STRING,
  BINARY,
  /** date, timestamp */
  TEMPORAL,
  /** lists, maps and structs */
  NESTED
}
