package io.tidemark.engine;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;
import java.util.Map;
import java.util.Optional;

/**
 * A staging query's plan: what it does, the snapshot it was planned against, and what its macros resolve to for this
 * run.
 *
 * @param latestDate the day {@code {{ latest_date }}} stands for: the range's end, or today
 * @param maxDates the latest partition of each table a {@code max_date(table=...)} macro names
 */
public record StagingQueryBackfillPlan(PlanSummary summary, Optional<Long> baseSnapshot, Day latestDate,
    Map<String, String> maxDates) implements BackfillPlan {
  public StagingQueryBackfillPlan {
    requireNonNull(summary, "summary is null");
    requireNonNull(baseSnapshot, "baseSnapshot is null");
    requireNonNull(latestDate, "latestDate is null");
    maxDates = Map.copyOf(maxDates);
  }
}
