package io.tidemark.engine;

/** What a backfill step does to its days. */
public enum StepKind {
  /** Writes the rows of days the table does not have yet. */
  FILL("fill"),
  /** Recomputes the columns of added or changed parts for rows already written. */
  RECOMPUTE_COLUMNS("recompute columns"),
  /** Derives again every column of the rows that added, changed or removed bootstrap sources touch. */
  REDERIVE_ROWS("re-derive rows"),
  /** Computes days the table already has again, replacing exactly their partitions ({@code --recompute}). */
  RECOMPUTE_DAYS("recompute");

  private final String description;

  StepKind(String description) {
    this.description = description;
  }

  /** For people and for the snapshot summary's action, e.g. {@code recompute columns}. */
  public String description() {
    return description;
  }
}
