package io.tidemark.engine;

import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.PartialsMode;
import io.tidemark.api.naming.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a join's parts compute, one line each for the plan: which rows they read (events or entities) and as of when,
 * which depends on whether the left holds events (as of each row's time) or entities (as of each row's day).
 */
final class PartDescriptions {
  private PartDescriptions() {}

  static List<String> of(Join join) {
    DataModel left = join.left().dataModel();
    List<String> lines = new ArrayList<>();
    for (Join.ComputedPart computed : join.computedParts()) {
      JoinPart part = computed.part();
      lines.add(part.groupBy().name() + ": " + Names.joinPartColumns(part).size() + " column(s), "
          + kind(part.groupBy(), left) + partials(part.groupBy()).map(line -> ", " + line).orElse(""));
    }
    return lines;
  }

  /**
   * How a GroupBy over events reads them, when it sets {@link PartialsMode#PROPERTY}: from its daily partial
   * aggregates, from raw events, or from whichever costs less where the partials are kept (as it does without the
   * property).
   */
  static Optional<String> partials(GroupBy groupBy) {
    PartialsMode mode = PartialsMode.of(groupBy).orElse(PartialsMode.AUTO);
    if (!groupBy.metaData().tableProperties().containsKey(PartialsMode.PROPERTY)) {
      return Optional.empty();
    }
    return Optional.of(switch (mode) {
      case ALWAYS -> "from daily partial aggregates in " + Names.partialsTable(groupBy)
          + " and the raw events at the windows' ends ("
          + PartialsMode.PROPERTY + " is always)";
      case NEVER -> "from raw events (" + PartialsMode.PROPERTY + " is never)";
      case AUTO -> PartialsMode.canKeep(groupBy)
          ? "from the daily partial aggregates kept in " + Names.partialsTable(groupBy)
              + " where they cost fewer rows than the raw events, else from raw events (" + PartialsMode.PROPERTY
              + " is auto)"
          : "from raw events (" + PartialsMode.PROPERTY + " is auto; daily partial aggregates are kept only for "
              + "aggregations of events from sources that are not cumulative, with a metaData.outputNamespace)";
    });
  }

  /** What {@code groupBy} computes for a left of {@code left}'s kind. */
  private static String kind(GroupBy groupBy, DataModel left) {
    boolean eventsOnLeft = left == DataModel.EVENTS;
    if (groupBy.dataModel() == DataModel.EVENTS) {
      return eventsOnLeft ? groupBy.effectiveAccuracy() + " aggregations of events"
          : "aggregations of events up to the end of the left row's day";
    }
    String asOf = eventsOnLeft ? "the previous day" : "the left row's day";
    if (!groupBy.hasAggregations()) {
      return "entity snapshot columns as of " + asOf;
    }
    if (eventsOnLeft && groupBy.replaysMutations()) {
      return "TEMPORAL aggregations of entities: the previous day's snapshot and the day's mutations before the "
          + "left row's time" + (groupBy.hasWindows() ? ", windowed by each row's own time" : "");
    }
    return "aggregations of the entity snapshot of " + asOf;
  }
}
