package io.tidemark.online.jobs.consistency;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Accumulates the comparison of one feature, pair by pair; accumulators of parts of the rows merge. Sums of SMAPE and
 * edit distances are kept so averages are exact after merging.
 */
public final class FeatureStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String feature;
  private final FeatureKind kind;
  private final long[] outcomes = new long[Outcome.values().length];
  private double smapeSum;
  private long numberPairs;
  private long lengthMismatches;
  private long insertions;
  private long deletions;
  private long listPairs;
  private final long[] differences = new long[DifferenceHistogram.bins()];

  public FeatureStats(String feature, FeatureKind kind) {
    this.feature = requireNonNull(feature, "feature is null");
    this.kind = requireNonNull(kind, "kind is null");
  }

  /** Adds one logged row: its logged value and the value computed offline. */
  public void add(Object online, Object offline) {
    Outcome outcome = outcome(online, offline);
    outcomes[outcome.ordinal()]++;
    if (online == null || offline == null) {
      return;
    }
    if (kind == FeatureKind.NUMBER) {
      double a = ((Number) online).doubleValue();
      double b = ((Number) offline).doubleValue();
      smapeSum += Smape.of(a, b);
      numberPairs++;
      differences[DifferenceHistogram.bin(a - b)]++;
    } else if (kind == FeatureKind.LIST) {
      List<?> a = (List<?>) online;
      List<?> b = (List<?>) offline;
      if (a.size() != b.size()) {
        lengthMismatches++;
      }
      EditDistance distance = EditDistance.of(a, b);
      insertions += distance.insertions();
      deletions += distance.deletions();
      listPairs++;
    }
  }

  /** This accumulator with {@code other}'s rows added; both must be of the same feature. */
  public FeatureStats merge(FeatureStats other) {
    FeatureStats merged = new FeatureStats(feature, kind);
    for (FeatureStats part : List.of(this, other)) {
      for (int i = 0; i < outcomes.length; i++) {
        merged.outcomes[i] += part.outcomes[i];
      }
      for (int i = 0; i < differences.length; i++) {
        merged.differences[i] += part.differences[i];
      }
      merged.smapeSum += part.smapeSum;
      merged.numberPairs += part.numberPairs;
      merged.lengthMismatches += part.lengthMismatches;
      merged.insertions += part.insertions;
      merged.deletions += part.deletions;
      merged.listPairs += part.listPairs;
    }
    return merged;
  }

  public FeatureMetrics metrics() {
    long total = 0;
    for (long count : outcomes) {
      total += count;
    }
    List<Long> histogram = new ArrayList<>();
    if (kind == FeatureKind.NUMBER) {
      for (long count : differences) {
        histogram.add(count);
      }
    }
    return new FeatureMetrics(feature, kind, total, outcomes[Outcome.MATCH.ordinal()],
        outcomes[Outcome.MISMATCH.ordinal()], outcomes[Outcome.BOTH_NULL.ordinal()],
        outcomes[Outcome.ONLINE_NULL.ordinal()], outcomes[Outcome.OFFLINE_NULL.ordinal()],
        average(smapeSum, numberPairs, kind == FeatureKind.NUMBER), lengthMismatches,
        average(insertions, listPairs, kind == FeatureKind.LIST), average(deletions, listPairs,
        kind == FeatureKind.LIST), histogram);
  }

  static Outcome outcome(Object online, Object offline) {
    if (online == null) {
      return offline == null ? Outcome.BOTH_NULL : Outcome.ONLINE_NULL;
    }
    if (offline == null) {
      return Outcome.OFFLINE_NULL;
    }
    return ValueEquality.same(online, offline) ? Outcome.MATCH : Outcome.MISMATCH;
  }

  private static OptionalDouble average(double sum, long count, boolean applies) {
    if (!applies) {
      return OptionalDouble.empty();
    }
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
  }
}
