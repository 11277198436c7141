package io.tidemark.labels;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.engine.JoinFixtures;
import java.util.Arrays;
import java.util.List;

/** Helpers of the label tests beside {@link JoinFixtures}: a label run, and rows that may hold NULLs. */
final class LabelFixtures {
  private LabelFixtures() {}

  static LabelResult label(Loaded<Join> join, LabelRange range) {
    LabelJoin labels = new LabelJoin(JoinFixtures.CATALOG, join);
    return labels.run(labels.plan(range), LabelListener.NONE);
  }

  /** A list that may hold NULLs, which {@code List.of} refuses. */
  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
