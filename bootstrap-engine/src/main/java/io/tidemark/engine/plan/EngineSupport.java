package io.tidemark.engine.plan;

import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.EntitySource;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.Source;
import io.tidemark.api.validation.Problems;

/**
 * What this version of the engine computes. A definition can be valid Chronon and still ask for something the engine
 * does not do; those requests are reported up front, before any table is read, instead of failing mid-run.
 */
public final class EngineSupport {
  private EngineSupport() {}

  public static void check(Join join, String file, Problems problems) {
    if (join.left() instanceof EventSource events && events.cumulative()) {
      problems.error(file, "left.events.isCumulative", "a cumulative event source cannot be the left side of a join "
          + "(each partition repeats all history)", "use a table that holds each day's rows in that day's partition");
    }
    // An entity left reads each part's snapshot of its own day: mutations are replayed only for events.
    boolean eventsOnLeft = join.left().dataModel() == DataModel.EVENTS;
    for (Join.ComputedPart computed : join.computedParts()) {
      GroupBy groupBy = computed.part().groupBy();
      if (eventsOnLeft && replaysMutations(groupBy)
          && groupBy.aggregationParts().stream().anyMatch(part -> part.window() != null)) {
        problems.error(file, computed.groupByPath() + ".aggregations",
            "windowed aggregations over an entity source with a mutation table (TEMPORAL accuracy) are not supported "
                + "by this version of Tidemark",
            "remove the windows, or set \"accuracy\": \"SNAPSHOT\" to aggregate the daily snapshots instead");
      }
    }
  }

  private static boolean replaysMutations(GroupBy groupBy) {
    if (!groupBy.hasAggregations() || groupBy.effectiveAccuracy() != Accuracy.TEMPORAL) {
      return false;
    }
    for (Source source : groupBy.sources()) {
      if (!(source instanceof EntitySource entities) || entities.mutationTable() == null) {
        return false;
      }
    }
    return true;
  }
}
