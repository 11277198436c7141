package io.tidemark.aggregator;

/** The type of an aggregation's value, relative to the type of the values it aggregates. */
public enum OutputShape {
  LONG,
  DOUBLE,
  /** The aggregated values' own type (MIN, MAX, FIRST, LAST). */
  INPUT,
  /** A list of the aggregated values' type. */
  LIST_OF_INPUT,
  LIST_OF_FLOAT,
  MAP_STRING_TO_INT,
  MAP_STRING_TO_LONG
}
