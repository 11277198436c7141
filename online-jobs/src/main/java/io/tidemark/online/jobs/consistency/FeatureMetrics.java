package io.tidemark.online.jobs.consistency;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The consistency of one feature over the logged rows of a day.
 *
 * @param total logged rows; the five outcome counts add up to it
 * @param smapeAverage for numbers, the mean SMAPE over the rows where both values are present; empty otherwise
 * @param lengthMismatches for lists, rows whose two lists have different lengths
 * @param editInsertAverage for lists, the mean insertions turning the offline list into the online one, over the rows
 *     where both are present; empty otherwise
 * @param editDeleteAverage for lists, the mean deletions, likewise
 * @param differences for numbers, how many rows fall in each {@link DifferenceHistogram} bin of online - offline
 */
public record FeatureMetrics(
    String feature,
    FeatureKind kind,
    long total,
    long matches,
    long mismatches,
    long bothNull,
    long onlineNull,
    long offlineNull,
    OptionalDouble smapeAverage,
    long lengthMismatches,
    OptionalDouble editInsertAverage,
    OptionalDouble editDeleteAverage,
    List<Long> differences) {

  public FeatureMetrics {
    requireNonNull(feature, "feature is null");
    requireNonNull(kind, "kind is null");
    differences = List.copyOf(differences);
  }

  public long count(Outcome outcome) {
    return switch (outcome) {
      case MATCH -> matches;
      case MISMATCH -> mismatches;
      case BOTH_NULL -> bothNull;
      case ONLINE_NULL -> onlineNull;
      case OFFLINE_NULL -> offlineNull;
    };
  }
}
