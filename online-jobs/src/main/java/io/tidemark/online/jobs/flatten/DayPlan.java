package io.tidemark.online.jobs.flatten;

import static java.util.Objects.requireNonNull;

/** What a flatten run does with one day of the raw log, and why. */
public record DayPlan(RawDay raw, DayAction action) {
  public DayPlan {
    requireNonNull(raw, "raw is null");
    requireNonNull(action, "action is null");
  }

  /** One line for people, e.g. {@code ds=2023-12-01: write (3 files, 1.2 MB)}. */
  public String describe() {
    String what = switch (action) {
      case WRITE -> "write";
      case REPLACE -> "replace (records arrived since it was flattened)";
      case KEEP -> "keep (no new records)";
    };
    return "ds=" + raw.day() + ": " + what + " (" + raw.files().size() + " files, " + raw.bytes() + " bytes)";
  }
}
