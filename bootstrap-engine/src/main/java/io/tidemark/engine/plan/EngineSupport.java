package io.tidemark.engine.plan;

import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.Source;
import io.tidemark.api.validation.Problems;

/**
 * What this version of the engine computes. A definition can be valid Chronon and still ask for something the engine
 * does not do yet; those requests are reported up front, before any table is read, instead of failing mid-run.
 */
public final class EngineSupport {
  private EngineSupport() {}

  public static void check(Join join, String file, Problems problems) {
    if (join.left().dataModel() != DataModel.EVENTS) {
      problems.error(file, "left", "an entity source on the left is not supported by this version of Tidemark",
          "use an event table on the left (rows with a time column)");
    }
    checkCumulative(join.left(), file, "left.events", problems);
    for (int p = 0; p < join.joinParts().size(); p++) {
      String path = "joinParts[" + p + "].groupBy";
      GroupBy groupBy = join.joinParts().get(p).groupBy();
      for (int s = 0; s < groupBy.sources().size(); s++) {
        checkCumulative(groupBy.sources().get(s), file, path + ".sources[" + s + "].events", problems);
      }
      if (groupBy.hasAggregations() && groupBy.dataModel() == DataModel.ENTITIES) {
        problems.error(file, path + ".aggregations",
            "aggregations over an entity source are not supported by this version of Tidemark",
            "aggregate an event source, or remove aggregations to join the snapshot's columns as they are");
      }
    }
  }

  private static void checkCumulative(Source source, String file, String path, Problems problems) {
    if (source instanceof EventSource events && events.cumulative()) {
      problems.error(file, path + ".isCumulative", "cumulative event sources are not supported by this version of "
          + "Tidemark", "point the source at a table that holds each day's events in that day's partition");
    }
  }
}
