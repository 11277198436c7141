package io.tidemark.cli;

/** How {@code tidemark sql} prints rows. */
enum OutputFormat {
  /** Aligned columns for people. */
  TABLE,
  /** One JSON object per row. */
  JSONL,
  /** Comma-separated with a header row. */
  CSV
}
