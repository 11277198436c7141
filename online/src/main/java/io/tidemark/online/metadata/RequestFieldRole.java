package io.tidemark.online.metadata;

/** Why a join's request carries a field; only part keys are required. */
public enum RequestFieldRole {
  /** A key of one or more join parts, under its left column name (after key mapping). */
  PART_KEY,
  /** One of the join's {@code rowIds} that is not a part key: identifies the request's row in the log. */
  ROW_ID,
  /** A field of the join's contextual source, logged as the request gave it. */
  CONTEXTUAL
}
