package io.tidemark.engine.compute;

/** What a scanned source is for, which decides which table is read and which time columns it must yield. */
enum SourceRole {
  /** Events on the join's left: rows with their time. */
  LEFT_EVENTS(Time.REQUIRED),
  /** An entity snapshot on the join's left: rows of a day, no time. */
  LEFT_ENTITIES(Time.NONE),
  /** Events aggregated by a join part. */
  EVENTS(Time.REQUIRED),
  /** Entity snapshot rows, joined as they are or aggregated; their time only when the query names one. */
  SNAPSHOT(Time.IF_NAMED),
  /** An entity source's mutation table: rows with their mutation time and whether they take a row back. */
  MUTATIONS(Time.MUTATION),
  /**
   * A mutation table read for windowed aggregations, which follow each row's own time: also that time, as
   * {@link SourceScan#ROW_TIME}.
   */
  TIMED_MUTATIONS(Time.MUTATION_AND_ROW),
  /** A bootstrap part's table: rows of a day, matched to left rows on keys; no time. */
  BOOTSTRAP(Time.NONE),
  /** A join's log table: logged rows with their request time, so the latest of a row id can be kept. */
  LOG(Time.REQUIRED);

  /** Which time column the scan yields as {@code ts}. */
  enum Time {
    REQUIRED,
    IF_NAMED,
    NONE,
    MUTATION,
    MUTATION_AND_ROW
  }

  private final Time time;

  SourceRole(Time time) {
    this.time = time;
  }

  Time time() {
    return time;
  }

  /** Whether the scan reads an entity source's mutation table rather than its snapshots. */
  boolean readsMutations() {
    return time == Time.MUTATION || time == Time.MUTATION_AND_ROW;
  }
}
