package io.tidemark.engine;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import java.util.List;

/** One step of a backfill plan: what it does, to which days; one Iceberg commit. */
public record PlannedStep(StepKind kind, List<Day> days) {
  public PlannedStep {
    requireNonNull(kind, "kind is null");
    days = List.copyOf(days);
    checkArgument(!days.isEmpty(), "Cannot plan a %s step without days", kind.description());
  }

  /** From the first to the last of the days; for people {@code 2023-11-01..2023-11-30}, or the one day. */
  public DayRange range() {
    return DayRange.spanning(days);
  }
}
