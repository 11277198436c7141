package io.tidemark.api.validation;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.definition.TimeUnit;
import io.tidemark.api.definition.Window;
import io.tidemark.api.naming.Names;
import io.tidemark.api.validation.GroupByRules.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules a join's label part must follow on its own: its offsets pick at least one left day, the left is events,
 * an aggregated label has one aggregation with one window in days that both offsets equal (so each {@code label_ds}
 * labels the one left day whose window has just closed), and every label column has a name of its own. A label
 * without aggregations must read entities, which {@link GroupByRules} checks for every GroupBy.
 */
final class LabelRules {
  private LabelRules() {}

  static void check(Join join, Scope scope) {
    Optional<LabelPart> labels = join.labels();
    if (labels.isEmpty()) {
      return;
    }
    LabelPart part = labels.get();
    if (part.leftStartOffset() < part.leftEndOffset()) {
      scope.error(ErrorCode.INVALID_VALUE, scope.at().labelPart().field("leftStartOffset"), part.leftStartOffset()
          + " is less than leftEndOffset "
              + part.leftEndOffset() + ", so no left day would be labeled",
          "make leftStartOffset (the earliest left day, counted back from label_ds) at least leftEndOffset (the "
              + "latest)");
    }
    if (join.left().dataModel() != DataModel.EVENTS) {
      scope.error(ErrorCode.INVALID_VALUE, scope.at().left(),
          "is an entity source, but labels are joined to events on the left",
          "read the left from an \"events\" source, or remove labelPart");
    }
    Optional<Map<String, String>> leftSelects = join.left().query().selectedColumns();
    for (int i = 0; i < part.labels().size(); i++) {
      Location at = scope.at().label(i);
      JoinPart label = part.labels().get(i);
      JoinRules.checkPart(label, at, leftSelects, scope);
      if (label.groupBy().hasAggregations()) {
        checkAggregatedLabel(part, label.groupBy(), at, scope);
      }
    }
    checkColumns(join, part, scope);
  }

  private static void checkAggregatedLabel(LabelPart part, GroupBy groupBy, Location at, Scope scope) {
    List<Aggregation> aggregations = groupBy.aggregations();
    if (aggregations.size() != 1) {
      scope.error(ErrorCode.INVALID_VALUE, at.groupBy().field("aggregations"), "has " + aggregations.size()
          + " aggregations, but an aggregated "
          + "label has exactly one", "keep one aggregation, or put each in a label GroupBy of its own");
      return;
    }
    List<Window> windows = aggregations.get(0).windows();
    Location windowsAt = at.groupBy().aggregation(0).field("windows");
    if (windows.size() != 1) {
      scope.error(ErrorCode.INVALID_VALUE, windowsAt, "has " + windows.size()
          + " windows, but an aggregated label has exactly one",
          "give the aggregation one window in days, e.g. \"windows\": [{\"length\": 7, \"timeUnit\": \"DAYS\"}]");
      return;
    }
    Window window = windows.get(0);
    if (window.timeUnit() != TimeUnit.DAYS) {
      scope.error(ErrorCode.INVALID_VALUE, windowsAt.index(0).field("timeUnit"), "is " + window.timeUnit()
          + ", but a label window is counted in days",
          "use \"DAYS\", e.g. {\"length\": 7, \"timeUnit\": \"DAYS\"}");
      return;
    }
    if (part.leftStartOffset() != window.length() || part.leftEndOffset() != window.length()) {
      scope.error(ErrorCode.INVALID_VALUE, scope.at().labelPart(), "leftStartOffset " + part.leftStartOffset()
          + " and leftEndOffset "
          + part.leftEndOffset()
              + " must both equal the " + window.length() + "-day window of " + scope.name(at) + " ("
              + groupBy.name() + ")",
          "set \"leftStartOffset\": " + window.length() + " and \"leftEndOffset\": " + window.length()
              + ", so that each label_ds labels the one left day whose window has just closed");
    }
  }

  /**
   * Label columns must differ from each other and from the label table's own columns ({@code ds}, {@code label_ds}
   * and the row key).
   */
  private static void checkColumns(Join join, LabelPart part, Scope scope) {
    Map<String, String> producers = new LinkedHashMap<>();
    producers.put(Names.PARTITION_COLUMN, "the label table");
    producers.put(Names.LABEL_DS_COLUMN, "the label table");
    Names.rowKeyColumns(join).forEach(column -> producers.put(column, "the label table"));
    for (int i = 0; i < part.labels().size(); i++) {
      JoinRules.checkUnique(Names.joinPartColumns(part.labels().get(i)), scope.at().label(i), producers, scope);
    }
  }
}
