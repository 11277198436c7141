package io.tidemark.engine;

/**
 * Fills a table Tidemark owns for the days it does not have yet, in two moves like Iceberg's pending updates:
 * {@link #plan} checks everything and decides, writing nothing, and returns the decision as a value; {@link #run}
 * executes a plan, one Iceberg commit per step, re-checking before each commit that the table has not changed in a way
 * the plan did not foresee.
 *
 * @param <P> the kind of plan this backfill makes and runs
 */
public interface Backfill<P extends BackfillPlan> {
  /** Checks everything, the data included, and decides; writes nothing. */
  P plan(BackfillRange range);

  /**
   * Like {@link #plan(BackfillRange)}, with the checks of the data run {@code when} asked: a plan that will be run
   * at once leaves them to the run, which folds them into its own jobs.
   */
  default P plan(BackfillRange range, DataCheckTiming when) {
    return plan(range);
  }

  /** Executes {@code plan}; keeps nothing between calls, so a plan can be run by any instance for its definition. */
  BackfillResult run(P plan, BackfillListener listener);
}
