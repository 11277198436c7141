package io.tidemark.online.fetch;

import io.tidemark.api.time.PartitionDates;
import java.util.List;
import java.util.Optional;

/**
 * Which uploaded version a fetch at request time {@code ts} reads: the newest day D whose end (the midnight after D,
 * UTC) is at or before {@code ts}, because version D holds each key's values as of that midnight.
 */
public final class VersionSelection {
  private VersionSelection() {}

  /** The version to read among {@code versions} (days, any order), or empty when none ends at or before {@code ts}. */
  public static Optional<String> versionAt(List<String> versions, long ts) {
    String chosen = null;
    for (String ds : versions) {
      long end = PartitionDates.startMillis(ds) + PartitionDates.DAY_MILLIS;
      if (end <= ts && (chosen == null || ds.compareTo(chosen) > 0)) {
        chosen = ds;
      }
    }
    return Optional.ofNullable(chosen);
  }
}
