package io.tidemark.online.jobs.consistency;

/** How a logged (online) value compares with the value computed offline for the same row. */
public enum Outcome {
  /** Both are present and equal (floating-point numbers within {@link ValueEquality#RELATIVE_TOLERANCE}). */
  MATCH,
  /** Both are present and differ. */
  MISMATCH,
  /** Both are NULL. */
  BOTH_NULL,
  /** The logged value is NULL, the computed one is not. */
  ONLINE_NULL,
  /** The computed value is NULL, the logged one is not. */
  OFFLINE_NULL
}
