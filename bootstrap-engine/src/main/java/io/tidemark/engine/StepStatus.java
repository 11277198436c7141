package io.tidemark.engine;

/** How a backfill step ended. */
public enum StepStatus {
  /** The step committed its rows (or found no left rows to write). */
  COMMITTED,
  /** Another run, at the same time, committed every day of the step first; this run wrote nothing for it. */
  DONE_BY_ANOTHER_RUN
}
