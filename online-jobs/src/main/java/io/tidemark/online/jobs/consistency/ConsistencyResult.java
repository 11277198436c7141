package io.tidemark.online.jobs.consistency;

import java.nio.file.Path;
import java.util.List;

/** What a consistency run measured, and where it wrote it. */
public record ConsistencyResult(ConsistencyPlan plan, List<FeatureMetrics> features, Path report) {
  public ConsistencyResult {
    features = List.copyOf(features);
  }

  public long mismatches() {
    return features.stream().mapToLong(FeatureMetrics::mismatches).sum();
  }

  /** The one-line summary. */
  public String summary() {
    return "Consistency of " + plan.join() + " on " + plan.ds() + ": " + features.size() + " features over "
        + plan.loggedRows() + " logged rows, " + mismatches() + " mismatches; metrics in " + plan.consistencyTable()
        + ", report " + report;
  }
}
