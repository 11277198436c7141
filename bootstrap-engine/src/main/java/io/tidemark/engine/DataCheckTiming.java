package io.tidemark.engine;

/**
 * When a backfill checks what only the data can tell (row ids that identify one row per day, bootstrap tables with
 * one row per key and day). Either way every problem is reported before anything is committed.
 */
public enum DataCheckTiming {
  /**
   * While planning, each check with a Spark job of its own: what {@code plan} and {@code --dry-run} do, since they
   * compute nothing else.
   */
  WHILE_PLANNING,
  /**
   * While running, inside the jobs the run does anyway (the bootstrap join, the coverage counts), so that the checks
   * cost no pass of their own; a failing check stops the run before its step commits.
   */
  WHILE_RUNNING
}
