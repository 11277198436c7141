package io.tidemark.online.jobs.consistency;

/** Which metrics a feature gets besides the outcome counts. */
public enum FeatureKind {
  /** Numbers: SMAPE and a histogram of online minus offline. */
  NUMBER,
  /** Lists: length mismatches and edit distances. */
  LIST,
  /** Anything else (strings, booleans, maps, dates): outcome counts only. */
  OTHER
}
