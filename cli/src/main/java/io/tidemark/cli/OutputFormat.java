package io.tidemark.cli;

/** How {@code tidemark sql} and the audit commands print rows. */
enum OutputFormat {
  /** Aligned columns for people. */
  TABLE,
  /** One JSON object per row. */
  JSONL,
  /** Comma-separated with a header row. */
  CSV
}
