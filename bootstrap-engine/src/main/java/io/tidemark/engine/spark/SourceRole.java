package io.tidemark.engine.spark;

/** What a scanned source is for, which decides whether it needs a time column. */
enum SourceRole {
  /** The join's left side: its rows, with their time. */
  LEFT(true),
  /** Events aggregated by a join part. */
  EVENTS(true),
  /** A daily entity snapshot whose columns are joined as they are. */
  SNAPSHOT(false);

  private final boolean timed;

  SourceRole(boolean timed) {
    this.timed = timed;
  }

  boolean isTimed() {
    return timed;
  }
}
