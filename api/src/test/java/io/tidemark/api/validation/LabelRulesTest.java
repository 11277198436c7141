package io.tidemark.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import io.tidemark.api.json.DefinitionReader;
import io.tidemark.api.json.DefinitionText;
import io.tidemark.api.json.GroupByResolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading label parts as Chronon compiles them, and every rule a label part must follow, with its message. */
class LabelRulesTest {
  static final String FILE = "joins/team/labeled.v1";
  static final String JOIN = """
      {"metaData": {"name": "team.labeled.v1", "outputNamespace": "out"},
       "left": {"%s": {"%s": "data.requests",
                "query": {"selects": {"request_id": "request_id", "user_id": "user_id", "ts": "ts"}}}},
       "joinParts": [{"groupBy": {"metaData": {"name": "team.spend.v1"},
          "sources": [{"events": {"table": "data.purchases", "query": {"selects": {"user_id": "user_id",
                                  "amount": "amount"}}}}],
          "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}],
       "labelPart": %s}
      """;
  static final String ENTITY_LABEL = """
      {"groupBy": {"metaData": {"name": "team.fraud.v1"},
        "sources": [{"entities": {"snapshotTable": "data.fraud", "query": {"selects": {"user_id": "user_id",
                                  "is_fraud": "is_fraud"}}}}],
        "keyColumns": ["user_id"]}%s}""";
  static final String AGGREGATED_LABEL = """
      {"groupBy": {"metaData": {"name": "team.refunds.v1"},
        "sources": [{"events": {"table": "data.refunds", "query": {"selects": {"user_id": "user_id",
                                "amount": "amount"}}}}],
        "keyColumns": ["user_id"], "aggregations": [%s]}}""";
  static final String SUM_7D = """
      {"inputColumn": "amount", "operation": "SUM", "windows": [{"length": 7, "timeUnit": "DAYS"}]}""";

  @Test
  void readsALabelPartAsChrononCompilesIt() {
    Problems problems = new Problems();
    Join join = read(label("[" + ENTITY_LABEL.formatted(", \"prefix\": \"l\"") + "], \"leftStartOffset\": 30, "
        + "\"leftEndOffset\": 10, \"metaData\": {\"name\": \"team.labeled.v1\", \"offlineSchedule\": \"@weekly\"}"),
        problems);

    assertThat(problems.errors()).isEmpty();
    assertThat(problems.warnings()).isEmpty();
    LabelPart labels = join.labels().orElseThrow();
    assertThat(labels.leftStartOffset()).isEqualTo(30);
    assertThat(labels.leftEndOffset()).isEqualTo(10);
    assertThat(labels.offlineSchedule()).isEqualTo("@weekly");
    assertThat(labels.labels()).hasSize(1);
    assertThat(labels.labels().get(0).groupBy().name()).isEqualTo("team.fraud.v1");
    assertThat(labels.labels().get(0).prefix()).isEqualTo("l");
  }

  @Test
  void anAggregatedLabelWithOneWindowInDaysAndOffsetsOfThatWindowIsValid() {
    Problems problems = new Problems();
    Join join = read(label("[" + AGGREGATED_LABEL.formatted(SUM_7D) + "], \"leftStartOffset\": 7, "
        + "\"leftEndOffset\": 7"), problems);

    assertThat(problems.errors()).isEmpty();
    LabelPart labels = join.labels().orElseThrow();
    assertThat(labels.offlineSchedule()).isEqualTo("@daily");
    assertThat(labels.labels().get(0).groupBy().aggregations()).containsExactly(
        new Aggregation("amount", Operation.SUM, List.of(Window.days(7)), Map.of()));
  }

  @Test
  void theStartOffsetMayNotBeLessThanTheEndOffset() {
    assertThat(errors("events", label("[" + ENTITY_LABEL.formatted("") + "], \"leftStartOffset\": 10, "
        + "\"leftEndOffset\": 30"))).containsExactly("TM-106 " + FILE + ": labelPart.leftStartOffset: 10 is less than "
        + "leftEndOffset 30, so no left day would be labeled. Fix: make leftStartOffset (the earliest left day, "
        + "counted back from label_ds) at least leftEndOffset (the latest)");
  }

  @Test
  void offsetsAreRequiredAndNotNegative() {
    assertThat(errors("events", label("[" + ENTITY_LABEL.formatted("") + "], \"leftEndOffset\": -1"))).containsExactly(
        "TM-103 " + FILE
            + ": labelPart.leftStartOffset: is required. Fix: give the earliest left day to label, counted back "
            + "from label_ds (1 = label_ds itself), e.g. \"leftStartOffset\": 30",
        "TM-106 " + FILE
            + ": labelPart.leftEndOffset: must not be negative, got -1. Fix: give the latest left day to label, "
            + "counted back from label_ds (1 = label_ds itself), e.g. \"leftEndOffset\": 10");
    assertThat(errors("events", "{\"labels\": [], \"leftStartOffset\": 1, \"leftEndOffset\": 1}")).containsExactly(
        "TM-103 " + FILE + ": labelPart.labels: is empty. Fix: list at least one label: [{\"groupBy\": ...}]");
  }

  @Test
  void labelsAreJoinedToEventsOnTheLeft() {
    assertThat(errors("entities", label("[" + ENTITY_LABEL.formatted("") + "], \"leftStartOffset\": 1, "
        + "\"leftEndOffset\": 1"))).containsExactly("TM-106 " + FILE
        + ": left: is an entity source, but labels are joined to "
        + "events on the left. Fix: read the left from an \"events\" source, or remove labelPart");
  }

  @Test
  void aLabelWithoutAggregationsReadsEntities() {
    String eventsWithoutAggregations = ENTITY_LABEL.formatted("")
        .replace("{\"entities\": {\"snapshotTable\"", "{\"events\": {\"table\"");
    assertThat(errors("events", label("[" + eventsWithoutAggregations + "], \"leftStartOffset\": 1, "
        + "\"leftEndOffset\": 1"))).containsExactly("TM-103 " + FILE
        + ": labelPart.labels[0].groupBy.aggregations: is required "
        + "for a GroupBy over events. Fix: add aggregations, or read a daily snapshot table with an \"entities\" "
        + "source to pass columns through");
  }

  @Test
  void anAggregatedLabelHasOneAggregation() {
    String two = SUM_7D + ", " + SUM_7D.replace("SUM", "COUNT");
    assertThat(errors("events", label("[" + AGGREGATED_LABEL.formatted(two) + "], \"leftStartOffset\": 7, "
        + "\"leftEndOffset\": 7"))).containsExactly("TM-106 " + FILE
        + ": labelPart.labels[0].groupBy.aggregations: has 2 "
        + "aggregations, but an aggregated label has exactly one. Fix: keep one aggregation, or put each in a label "
        + "GroupBy of its own");
  }

  @Test
  void anAggregatedLabelHasOneWindow() {
    String twoWindows = SUM_7D.replace("}]}", "}, {\"length\": 14, \"timeUnit\": \"DAYS\"}]}");
    String unwindowed = "{\"inputColumn\": \"amount\", \"operation\": \"SUM\"}";
    assertThat(errors("events", label("[" + AGGREGATED_LABEL.formatted(twoWindows) + "], \"leftStartOffset\": 7, "
        + "\"leftEndOffset\": 7"))).containsExactly("TM-106 " + FILE
        + ": labelPart.labels[0].groupBy.aggregations[0].windows: "
        + "has 2 windows, but an aggregated label has exactly one. Fix: give the aggregation one window in days, "
        + "e.g. \"windows\": [{\"length\": 7, \"timeUnit\": \"DAYS\"}]");
    assertThat(errors("events", label("[" + AGGREGATED_LABEL.formatted(unwindowed) + "], \"leftStartOffset\": 7, "
        + "\"leftEndOffset\": 7"))).containsExactly("TM-106 " + FILE
        + ": labelPart.labels[0].groupBy.aggregations[0].windows: "
        + "has 0 windows, but an aggregated label has exactly one. Fix: give the aggregation one window in days, "
        + "e.g. \"windows\": [{\"length\": 7, \"timeUnit\": \"DAYS\"}]");
  }

  @Test
  void anAggregatedLabelsWindowIsCountedInDays() {
    String hours = SUM_7D.replace("\"DAYS\"", "\"HOURS\"");
    assertThat(errors("events", label("[" + AGGREGATED_LABEL.formatted(hours) + "], \"leftStartOffset\": 7, "
        + "\"leftEndOffset\": 7"))).containsExactly("TM-106 " + FILE
        + ": labelPart.labels[0].groupBy.aggregations[0].windows[0]"
        + ".timeUnit: is HOURS, but a label window is counted in days. Fix: use \"DAYS\", e.g. {\"length\": 7, "
        + "\"timeUnit\": \"DAYS\"}");
  }

  @Test
  void bothOffsetsEqualTheWindowOfAnAggregatedLabel() {
    assertThat(errors("events", label("[" + AGGREGATED_LABEL.formatted(SUM_7D) + "], \"leftStartOffset\": 30, "
        + "\"leftEndOffset\": 7"))).containsExactly("TM-106 " + FILE
        + ": labelPart: leftStartOffset 30 and leftEndOffset 7 must "
        + "both equal the 7-day window of labelPart.labels[0] (team.refunds.v1). Fix: set \"leftStartOffset\": 7 "
        + "and \"leftEndOffset\": 7, so that each label_ds labels the one left day whose window has just closed");
  }

  @Test
  void labelKeysAreFoundOnTheLeftAndLabelColumnsAreUnique() {
    String unmapped = ENTITY_LABEL.formatted("").replace("\"keyColumns\": [\"user_id\"]",
        "\"keyColumns\": [\"account_id\"]").replace("\"user_id\": \"user_id\"", "\"account_id\": \"user_id\"");
    assertThat(errors("events", label("[" + unmapped + ", " + ENTITY_LABEL.formatted("")
        + "], \"leftStartOffset\": 1, \"leftEndOffset\": 1"))).containsExactly(
        "TM-112 " + FILE
            + ": labelPart.labels[0]: key account_id of team.fraud.v1 is not selected by the left source. Fix: "
            + "select account_id on the left, or map a left column to it: \"keyMapping\": {\"<left column>\": "
            + "\"account_id\"}",
        "TM-115 " + FILE
            + ": labelPart.labels[1]: writes column team_fraud_v1_is_fraud, which labelPart.labels[0] writes too. "
            + "Fix: set a different \"prefix\" on labelPart.labels[1]");
  }

  private static String label(String fields) {
    return "{\"labels\": " + fields + "}";
  }

  private static Join read(String labelPart, Problems problems) {
    return read("events", labelPart, problems);
  }

  private static Join read(String leftKind, String labelPart, Problems problems) {
    String table = leftKind.equals("events") ? "table" : "snapshotTable";
    return new DefinitionReader(GroupByResolver.INLINE_ONLY, problems)
        .readJoin(new DefinitionText(FILE, JOIN.formatted(leftKind, table, labelPart)));
  }

  private static List<String> errors(String leftKind, String labelPart) {
    Problems problems = new Problems();
    read(leftKind, labelPart, problems);
    return problems.errors().stream().map(Problem::render).toList();
  }
}
