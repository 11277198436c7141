package io.tidemark.api.validation;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.PartialsMode;
import io.tidemark.api.definition.Source;
import io.tidemark.api.naming.Names;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Rules a GroupBy must follow on its own, before any table is read. */
final class GroupByRules {
  private GroupByRules() {}

  /** Checks {@code groupBy}, found at {@code at}, and reports what is wrong to {@code problems}. */
  static void check(GroupBy groupBy, Location at, Problems problems) {
    Scope scope = new Scope(at, problems);
    checkSources(groupBy, scope);
    checkKeys(groupBy, scope);
    if (groupBy.hasAggregations()) {
      checkAggregations(groupBy, scope);
    } else {
      checkPassThrough(groupBy, scope);
    }
    checkPartials(groupBy, scope);
  }

  /** Where a GroupBy's source's query has {@code field}, e.g. {@code sources[0].events.query.selects}. */
  private static Location queryField(Scope scope, int index, Source source, String field) {
    return scope.at().source(index).query(source).field(field);
  }

  private static void checkSources(GroupBy groupBy, Scope scope) {
    List<Source> sources = groupBy.sources();
    Source first = sources.get(0);
    for (int i = 1; i < sources.size(); i++) {
      Source source = sources.get(i);
      if (source.dataModel() != first.dataModel()) {
        scope.error(ErrorCode.CONFLICTING_FIELDS, scope.at().source(i), "reads " + name(source.dataModel())
            + " while " + scope.name(scope.at().source(0)) + " reads "
            + name(first.dataModel()), "use sources of one kind in a GroupBy, or split it into two GroupBys");
      }
      Optional<Map<String, String>> selects = source.query().selectedColumns();
      Optional<Map<String, String>> firstSelects = first.query().selectedColumns();
      if (selects.isPresent() && firstSelects.isPresent()
          && !selects.get().keySet().equals(firstSelects.get().keySet())) {
        scope.error(ErrorCode.CONFLICTING_FIELDS, queryField(scope, i, source, "selects"),
            "selects " + selects.get().keySet() + " but " + scope.name(scope.at().source(0)) + " selects "
                + firstSelects.get().keySet(),
            "select the same column names in every source of the GroupBy");
      }
    }
  }

  private static void checkKeys(GroupBy groupBy, Scope scope) {
    Set<String> seen = new HashSet<>();
    for (String key : groupBy.keyColumns()) {
      if (!seen.add(key)) {
        scope.error(ErrorCode.INVALID_VALUE, scope.at().field("keyColumns"), "lists " + key + " twice",
            "list each key column once");
      }
    }
    for (int i = 0; i < groupBy.sources().size(); i++) {
      Source source = groupBy.sources().get(i);
      Optional<Map<String, String>> selects = source.query().selectedColumns();
      if (selects.isEmpty()) {
        continue;
      }
      for (String key : groupBy.keyColumns()) {
        if (!selects.get().containsKey(key)) {
          scope.error(ErrorCode.MISSING_COLUMN, queryField(scope, i, source, "selects"),
              "does not select key column " + key,
              "add \"" + key + "\": \"<expression>\" to the selects");
        }
      }
    }
  }

  private static void checkAggregations(GroupBy groupBy, Scope scope) {
    boolean windowed = groupBy.hasWindows();
    for (int s = 0; s < groupBy.sources().size(); s++) {
      Source source = groupBy.sources().get(s);
      if (windowed && source.dataModel() == DataModel.ENTITIES && source.query().timeColumn() == null) {
        scope.error(ErrorCode.MISSING_FIELD, queryField(scope, s, source, "timeColumn"),
            "is required for windowed aggregations over an entity snapshot (rows are windowed by their time)",
            "set timeColumn to the snapshot rows' time in epoch milliseconds, or remove the windows");
      }
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < groupBy.aggregations().size(); i++) {
      Aggregation aggregation = groupBy.aggregations().get(i);
      Location at = scope.at().aggregation(i);
      for (int s = 0; s < groupBy.sources().size(); s++) {
        Source source = groupBy.sources().get(s);
        Optional<Map<String, String>> selects = source.query().selectedColumns();
        if (selects.isPresent() && !selects.get().containsKey(aggregation.inputColumn())) {
          scope.error(ErrorCode.MISSING_COLUMN, at.field("inputColumn"), aggregation.inputColumn()
              + " is not selected by " + scope.name(scope.at().source(s)),
              "add \"" + aggregation.inputColumn() + "\" to " + scope.name(queryField(scope, s, source, "selects"))
                  + ", or aggregate a selected column");
        }
        for (String bucket : aggregation.buckets()) {
          if (selects.isPresent() && !selects.get().containsKey(bucket)) {
            scope.error(ErrorCode.MISSING_COLUMN, at.field("buckets"), "bucket column " + bucket
                + " is not selected by " + scope.name(scope.at().source(s)),
                "add \"" + bucket + "\" to " + scope.name(queryField(scope, s, source, "selects")));
          }
        }
      }
      for (AggregationPart part : aggregation.unpack()) {
        String column = Names.aggregationColumn(part);
        Integer previous = columns.putIfAbsent(column, i);
        if (previous != null) {
          scope.error(ErrorCode.DUPLICATE_COLUMN, at, "produces column " + column + " again ("
              + scope.name(scope.at().aggregation(previous)) + " does too)",
              "remove the repeated aggregation or window");
        }
      }
    }
  }

  private static void checkPassThrough(GroupBy groupBy, Scope scope) {
    Source first = groupBy.sources().get(0);
    if (first.dataModel() == DataModel.EVENTS) {
      scope.error(ErrorCode.MISSING_FIELD, scope.at().field("aggregations"), "is required for a GroupBy over events",
          "add aggregations, or read a daily snapshot table with an \"entities\" source to pass columns through");
    } else if (first.query().selectedColumns().isEmpty()) {
      scope.error(ErrorCode.MISSING_FIELD, queryField(scope, 0, first, "selects"),
          "is required for a GroupBy without aggregations",
          "list the key and value columns to pass through");
    } else if (groupBy.passThroughColumns().orElseThrow().isEmpty()) {
      scope.error(ErrorCode.INVALID_VALUE, queryField(scope, 0, first, "selects"),
          "selects only key columns, so there is nothing to join",
          "select at least one value column besides the keys");
    }
  }

  /**
   * Daily partial aggregates hold a day's events per key in a table beside the GroupBy's own, so they need events
   * (not snapshots, not a cumulative table that repeats all history each day), aggregations, and a namespace.
   */
  private static void checkPartials(GroupBy groupBy, Scope scope) {
    Location field = scope.at().tableProperty(PartialsMode.PROPERTY);
    Optional<PartialsMode> mode = PartialsMode.of(groupBy);
    if (mode.isEmpty()) {
      scope.error(ErrorCode.INVALID_VALUE, field, "is "
          + groupBy.metaData().tableProperties().get(PartialsMode.PROPERTY)
          + ", which is not a choice of daily partial aggregates", "write always, never or auto (the default)");
      return;
    }
    if (mode.get() != PartialsMode.ALWAYS) {
      return;
    }
    Source first = groupBy.sources().get(0);
    if (first.dataModel() != DataModel.EVENTS || !groupBy.hasAggregations()) {
      scope.error(ErrorCode.INVALID_VALUE, field,
          "is always, but daily partial aggregates are kept for aggregations of events only",
          "remove the property, or set it to never");
    } else if (groupBy.sources().stream().anyMatch(source -> ((EventSource) source).cumulative())) {
      scope.error(ErrorCode.INVALID_VALUE, field,
          "is always, but a cumulative source repeats all history in each day's partition, so a "
          + "day's partial aggregates cannot be told apart", "remove the property, or set it to never");
    } else if (groupBy.metaData().outputNamespace() == null) {
      scope.error(ErrorCode.INVALID_VALUE, field,
          "is always, but the GroupBy has no metaData.outputNamespace to keep its partial aggregates "
          + "in", "name the namespace, e.g. \"outputNamespace\": \"features\"");
    }
  }

  private static String name(DataModel model) {
    return model == DataModel.EVENTS ? "events" : "entities";
  }

  /**
   * The definition being checked, at {@code at}, and where its problems go. A problem is reported at its full
   * location; a message names other fields of the same definition from the definition on ({@link #name}), so it
   * reads the same wherever the definition sits.
   */
  record Scope(Location at, Problems problems) {
    void error(ErrorCode code, Location where, String message, String fix) {
      problems.error(code, where, message, fix);
    }

    String name(Location where) {
      return where.pathFrom(at);
    }
  }
}
