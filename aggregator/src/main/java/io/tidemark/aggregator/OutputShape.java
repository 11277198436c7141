package io.tidemark.aggregator;

/** The type of an aggregation's output, relative to its input column's type. */
public enum OutputShape {
  LONG,
  DOUBLE,
  /** A list of values of the input's type. */
  LIST_OF_INPUT
}
