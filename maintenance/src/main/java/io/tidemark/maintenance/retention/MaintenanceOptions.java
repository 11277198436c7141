package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.time.Duration;
import java.time.Instant;

/**
 * The settings of one maintenance run.
 *
 * @param now the time retention is measured from
 * @param orphanFloor only orphan files older than this are deleted; at least {@link #MIN_ORPHAN_FLOOR}, since a younger
 *     file may belong to a commit still in progress
 * @param overrides retention settings given for the whole run, which win over definitions and tables
 */
public record MaintenanceOptions(Instant now, Duration orphanFloor, RetentionOverrides overrides) {
  public static final Duration MIN_ORPHAN_FLOOR = Duration.ofHours(24);
  public static final Duration DEFAULT_ORPHAN_FLOOR = Duration.ofDays(3);

  public MaintenanceOptions {
    requireNonNull(now, "now is null");
    requireNonNull(orphanFloor, "orphanFloor is null");
    requireNonNull(overrides, "overrides is null");
    if (orphanFloor.compareTo(MIN_ORPHAN_FLOOR) < 0) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "Cannot remove orphan files younger than "
          + TextValues.duration(MIN_ORPHAN_FLOOR) + " (asked: " + TextValues.duration(orphanFloor) + "): a file that "
          + "young may belong to a commit still in progress. Fix: pass --orphan-older-than 24h or more (default "
          + TextValues.duration(DEFAULT_ORPHAN_FLOOR) + ")");
    }
  }
}
