package io.tidemark.aggregator;

/** Whether a FIRST/LAST-style aggregation outputs its list of values or its single value. */
enum ElementOutput {
  LIST,
  SINGLE
}
