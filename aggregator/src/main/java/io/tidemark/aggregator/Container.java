package io.tidemark.aggregator;

/** Whether an input column holds single values, lists of them, or maps from strings to them. */
public enum Container {
  NONE,
  LIST,
  /** A map whose keys are strings; other maps are plain values. */
  STRING_MAP
}
