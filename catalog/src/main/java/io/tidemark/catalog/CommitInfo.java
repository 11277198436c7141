package io.tidemark.catalog;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a commit to a table Tidemark owns says about itself, in its snapshot summary: the run that made it, what the
 * run did, the days it wrote, and what the job adds (a coverage ledger, a definition hash, a label version). Audits read
 * it back from the table's history, whichever job wrote the table.
 *
 * @param runId the run, shared by all of a run's commits
 * @param action what the run did, for people and audits: {@code backfill}, {@code label}, {@code maintain: compact}
 * @param days the days the commit wrote, empty for a commit that is not about days
 * @param details further summary properties, in order
 */
public record CommitInfo(String runId, String action, Optional<DayRange> days, Map<String, String> details) {
  /** The prefix of a Spark write option that Iceberg puts into the commit's snapshot summary. */
  public static final String SNAPSHOT_PROPERTY = "snapshot-property.";

  public CommitInfo {
    requireNonNull(runId, "runId is null");
    requireNonNull(action, "action is null");
    requireNonNull(days, "days is null");
    checkArgument(!runId.isBlank(), "Cannot describe a commit without a run id");
    checkArgument(!action.isBlank(), "Cannot describe a commit without an action");
    details = Map.copyOf(details);
  }

  /** A commit of {@code action} by run {@code runId}, about no days in particular. */
  public static CommitInfo of(String runId, String action) {
    return new CommitInfo(runId, action, Optional.empty(), Map.of());
  }

  /** The same commit, about {@code days} (which must not be empty). */
  public CommitInfo withDays(Collection<Day> days) {
    return new CommitInfo(runId, action, Optional.of(DayRange.spanning(days)), details);
  }

  /** The same commit with one more summary property. */
  public CommitInfo with(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new CommitInfo(runId, action, days, more);
  }

  /** The snapshot summary properties: run id, action, days (as {@code first..last}), then the details. */
  public Map<String, String> summary() {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(TableProperties.RUN_ID, runId);
    summary.put(TableProperties.ACTION, action);
    days.ifPresent(range -> summary.put(TableProperties.DS_RANGE, range.span()));
    summary.putAll(details);
    return summary;
  }
}
