package io.tidemark.aggregator;

/** Whether an output column's values ever leave it, which decides how much state it must keep. */
public enum Eviction {
  /** Unwindowed: values only arrive, so a bounded summary is enough (the minimum, the first k, ...). */
  NONE,
  /** Windowed: the oldest values leave, so the window's values are kept as far as the operation needs them. */
  OLDEST_FIRST
}
