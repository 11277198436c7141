package io.tidemark.engine;

/**
 * Fills a table Tidemark owns for the days it does not have yet: {@link #plan} checks everything and decides, writing
 * nothing; {@link #run} executes the plan, one Iceberg commit per step.
 */
public interface Backfill {
  BackfillPlan plan(BackfillRange range);

  /** Executes a plan made by {@link #plan} on this instance. */
  BackfillResult run(BackfillPlan plan, BackfillListener listener);
}
