package io.tidemark.engine.load;

import java.util.Locale;
import java.util.Optional;

/** File formats {@code tidemark import} reads. */
public enum FileFormat {
  /** Comma-separated with a header row. */
  CSV,
  /** One JSON object per line. */
  JSONL,
  PARQUET;

  /** The format a file's extension implies: .csv, .jsonl/.ndjson/.json, .parquet. */
  public static Optional<FileFormat> ofFile(String file) {
    String name = file.toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return Optional.of(JSONL);
    }
    if (name.endsWith(".parquet")) {
      return Optional.of(PARQUET);
    }
    return Optional.empty();
  }
}
