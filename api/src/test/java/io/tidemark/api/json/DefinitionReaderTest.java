package io.tidemark.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.BootstrapPart;
import io.tidemark.api.definition.EntitySource;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.ExternalField;
import io.tidemark.api.definition.ExternalPart;
import io.tidemark.api.definition.FieldType;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Query;
import io.tidemark.api.definition.TimeUnit;
import io.tidemark.api.definition.Window;
import io.tidemark.api.validation.Problem;
import io.tidemark.api.validation.Problems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {
  /** A join in the shape Chronon's compiler writes: enums as thrift numbers, extra metadata, inline GroupBys. */
  private static final String COMPILED_JOIN = """
      {
        "metaData": {"name": "quickstart.training_set.v1", "online": 0, "production": 0, "team": "quickstart",
                     "outputNamespace": "quickstart", "customJson": "{}", "dependencies": [], "samplePercent": 100.0,
                     "tableProperties": {"source": "chronon"}},
        "left": {"events": {"table": "data.checkouts",
                            "query": {"selects": {"user_id": "user_id", "ts": "ts"}, "timeColumn": "ts", "setups": []}}},
        "joinParts": [
          {"groupBy": {
            "metaData": {"name": "quickstart.purchases.v1", "team": "quickstart"},
            "sources": [{"events": {"table": "data.purchases", "topic": "events/purchase_events",
                                    "query": {"selects": {"user_id": "user_id", "purchase_price": "purchase_price"},
                                              "timeColumn": "ts"}}}],
            "keyColumns": ["user_id"],
            "aggregations": [
              {"inputColumn": "purchase_price", "operation": 7, "argMap": {},
               "windows": [{"length": 3, "timeUnit": 1}, {"length": 12, "timeUnit": 0}]},
              {"inputColumn": "purchase_price", "operation": 13, "argMap": {"k": "10"}}
            ],
            "accuracy": 1}},
          {"groupBy": {
            "metaData": {"name": "quickstart.users.v1"},
            "sources": [{"entities": {"snapshotTable": "data.users",
                                      "query": {"selects": {"user_id": "user_id", "email_verified": "email_verified"}}}}],
            "keyColumns": ["user_id"]},
           "keyMapping": {"user_id": "user_id"}, "prefix": "buyer"}
        ]
      }
      """;

  @Test
  void readsChrononCompiledJoinWithThriftNumbers() {
    Problems problems = new Problems();
    Join join = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(text(COMPILED_JOIN));

    assertThat(problems.errors()).isEmpty();
    assertThat(problems.warnings()).isEmpty();
    assertThat(join.name()).isEqualTo("quickstart.training_set.v1");
    assertThat(join.metaData().outputNamespace()).isEqualTo("quickstart");
    assertThat(join.left()).isInstanceOf(EventSource.class);
    assertThat(join.left().query().selects()).containsExactly(Map.entry("user_id", "user_id"), Map.entry("ts", "ts"));
    GroupBy purchases = join.joinParts().get(0).groupBy();
    assertThat(purchases.accuracy()).isEqualTo(Accuracy.SNAPSHOT);
    assertThat(purchases.aggregations()).containsExactly(
        new Aggregation("purchase_price", Operation.SUM, List.of(Window.days(3), new Window(12, TimeUnit.HOURS)),
            Map.of()),
        new Aggregation("purchase_price", Operation.LAST_K, List.of(), Map.of("k", "10")));
    GroupBy users = join.joinParts().get(1).groupBy();
    assertThat(users.hasAggregations()).isFalse();
    assertThat(users.sources().get(0)).isInstanceOf(EntitySource.class);
    assertThat(join.joinParts().get(1).prefix()).isEqualTo("buyer");
  }

  @Test
  void enumNamesAndThriftNumbersReadTheSame() {
    String named = COMPILED_JOIN
        .replace("\"operation\": 7", "\"operation\": \"SUM\"")
        .replace("\"operation\": 13", "\"operation\": \"last_k\"")
        .replace("\"timeUnit\": 1", "\"timeUnit\": \"DAYS\"")
        .replace("\"timeUnit\": 0", "\"timeUnit\": \"HOURS\"")
        .replace("\"accuracy\": 1", "\"accuracy\": \"SNAPSHOT\"");
    assertThat(named).doesNotContain("\"operation\": 7");

    Problems problems = new Problems();
    DefinitionReader reader = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems);
    assertThat(reader.readJoin(text(named))).isEqualTo(reader.readJoin(text(COMPILED_JOIN)));
    assertThat(problems.errors()).isEmpty();
  }

  @Test
  void collectsEveryProblemWithFileFieldAndFix() {
    String bad = """
        {
          "metaData": {"name": "quickstart.bad.v1"},
          "left": {"events": {"table": "data.checkouts", "query": {"selects": {"ts": "ts"}}}},
          "joinParts": [{"groupBy": {
            "metaData": {"name": "quickstart.purchases.v1"},
            "sources": [{"events": {"table": "data.purchases",
                                    "query": {"selects": {"user_id": "user_id", "price": "price"}}}}],
            "keyColumns": ["user_id"],
            "aggregations": [
              {"inputColumn": "price", "operation": "SUMM", "windows": [{"length": 3, "timeUnit": "DAYS"}]},
              {"inputColumn": "price", "operation": "COUNT", "windows": [{"length": 0, "timeUnit": "DAYS"}]}
            ]}}]
        }
        """;
    Problems problems = new Problems();
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(text(bad));

    assertThat(problems.errors()).extracting(Problem::render).containsExactly(
        "TM-107 joins/quickstart/bad.v1: joinParts[0].groupBy.aggregations[0].operation: unknown Operation \"SUMM\". "
            + "Fix: use one of MIN, MAX, FIRST, LAST, UNIQUE_COUNT, APPROX_UNIQUE_COUNT, COUNT, SUM, AVERAGE, "
            + "VARIANCE, SKEW, KURTOSIS, APPROX_PERCENTILE, LAST_K, FIRST_K, TOP_K, BOTTOM_K, HISTOGRAM, "
            + "APPROX_HISTOGRAM_K, BOUNDED_UNIQUE_COUNT, or its thrift number (0-19)",
        "TM-106 joins/quickstart/bad.v1: joinParts[0].groupBy.aggregations[1].windows[0].length: must be positive, got 0. "
            + "Fix: use a length of 1 or more, or remove the window for an unwindowed aggregation",
        "TM-103 joins/quickstart/bad.v1: metaData.outputNamespace: is required for a join. "
            + "Fix: name the namespace that holds the join's tables, e.g. \"outputNamespace\": \"quickstart\"",
        "TM-112 joins/quickstart/bad.v1: joinParts[0]: key user_id of quickstart.purchases.v1 is not selected by the left "
            + "source. Fix: select user_id on the left, or map a left column to it: "
            + "\"keyMapping\": {\"<left column>\": \"user_id\"}");
  }

  @Test
  void unknownFieldsWarnWithAGuessAndUnsupportedFieldsAreErrors() {
    String json = COMPILED_JOIN
        .replace("\"accuracy\": 1}", "\"accuracy\": 1, \"agregations\": []}")
        .replace("\"joinParts\": [", "\"skewKeys\": {\"user_id\": [\"'0'\"]}, \"joinParts\": [");
    assertThat(json).contains("agregations").contains("skewKeys");
    Problems problems = new Problems();
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(text(json));

    assertThat(problems.warnings()).extracting(Problem::render).containsExactly(
        "joins/quickstart/bad.v1: joinParts[0].groupBy.agregations: unknown field, ignored "
            + "(did you mean \"aggregations\"?)");
    assertThat(problems.errors()).extracting(Problem::render).containsExactly(
        "TM-108 joins/quickstart/bad.v1: skewKeys: skew keys is not supported by this version of Tidemark. Fix: remove "
            + "skewKeys and leave the skewed values out in the left's query.wheres, e.g. \"user_id NOT IN ('0', "
            + "'-1')\" (the rows Chronon's skew filter drops)");
  }

  @Test
  void readsBootstrapPartsAndExternalPartsAsChrononCompilesThem() {
    String json = COMPILED_JOIN.replace("\"joinParts\": [", """
        "rowIds": ["request_id"],
        "bootstrapParts": [
          {"table": "data.legacy", "query": {"selects": {"request_id": "rid", "buyer_quickstart_users_v1_email_verified": "ev"},
                                             "startPartition": "2023-01-01", "endPartition": "2023-06-30"}},
          {"table": "quickstart.quickstart_training_set_v0", "keyColumns": ["user_id", "ts"]}],
        "bootstrapFromLog": true,
        "onlineExternalParts": [
          {"source": {"metadata": {"name": "service_user", "team": "quickstart"},
                      "keySchema": {"kind": 13, "name": "ext_service_user_keys",
                                    "params": [{"name": "user_id", "dataType": {"kind": 4}}]},
                      "valueSchema": {"kind": 13, "params": [{"name": "country", "dataType": {"kind": "STRING"}}]}}},
          {"source": {"metadata": {"name": "contextual"},
                      "keySchema": {"kind": 13, "params": [{"name": "request_id", "dataType": {"kind": 7}}]},
                      "valueSchema": {"kind": 13, "params": [{"name": "request_id", "dataType": {"kind": 7}}]}}}],
        "joinParts": [""").replace("\"selects\": {\"user_id\": \"user_id\", \"ts\": \"ts\"}",
        "\"selects\": {\"request_id\": \"request_id\", \"user_id\": \"user_id\", \"ts\": \"ts\"}");
    Problems problems = new Problems();
    Join join = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(text(json));

    assertThat(problems.errors()).isEmpty();
    assertThat(problems.warnings()).isEmpty();
    assertThat(join.rowIds()).containsExactly("request_id");
    assertThat(join.bootstrapParts()).containsExactly(
        new BootstrapPart("data.legacy", new Query(Map.of("request_id", "rid",
            "buyer_quickstart_users_v1_email_verified", "ev"), List.of(), null, "2023-01-01", "2023-06-30", null, null),
            List.of()),
        new BootstrapPart("quickstart.quickstart_training_set_v0", new Query(null, List.of(), null, null, null, null,
            null), List.of("user_id", "ts")));
    assertThat(join.bootstrapsFromLog()).isTrue();
    assertThat(join.externalParts()).containsExactly(
        new ExternalPart("service_user", null, List.of(new ExternalField("user_id", FieldType.LONG)),
            List.of(new ExternalField("country", FieldType.STRING))),
        new ExternalPart("contextual", null, List.of(new ExternalField("request_id", FieldType.STRING)),
            List.of(new ExternalField("request_id", FieldType.STRING))));
  }

  @Test
  void bootstrapsNeedKeysToMatchLeftRowsOn() {
    String json = COMPILED_JOIN.replace("\"joinParts\": [", """
        "bootstrapParts": [{"table": "data.legacy", "query": {"selects": {"x": "x"}}},
                           {"table": "data.other", "keyColumns": ["session_id"]}],
        "bootstrapFromLog": true,
        "joinParts": [""");
    Problems problems = new Problems();
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(text(json));

    assertThat(problems.errors()).extracting(Problem::render).containsExactly(
        "TM-103 joins/quickstart/bad.v1: bootstrapParts[0].keyColumns: is not set and the join has no rowIds, so rows of "
            + "data.legacy cannot be matched to left rows. Fix: declare \"rowIds\" on the join, or \"keyColumns\" on "
            + "the part",
        "TM-112 joins/quickstart/bad.v1: bootstrapParts[1].keyColumns: key session_id is not selected by the left source. "
            + "Fix: add \"session_id\" to left.events.query.selects",
        "TM-103 joins/quickstart/bad.v1: bootstrapFromLog: needs rowIds: logged rows are matched to left rows on them. "
            + "Fix: declare \"rowIds\" (e.g. the request id, logged as a contextual field), or remove bootstrapFromLog");
  }

  @Test
  void rejectsSelfInconsistentGroupBys() {
    String groupBy = """
        {"metaData": {"name": "t.events_without_aggregations.v1"},
         "sources": [{"events": {"table": "data.a", "query": {"selects": {"id": "id", "v": "v"}}}}],
         "keyColumns": ["user_id"]}
        """;
    Problems problems = new Problems();
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems)
        .readGroupBy(new DefinitionText("group_bys/t/events_without_aggregations.v1", groupBy));

    assertThat(problems.errors()).extracting(Problem::render).containsExactly(
        "TM-112 group_bys/t/events_without_aggregations.v1: sources[0].events.query.selects: does not select key column "
            + "user_id. Fix: add \"user_id\": \"<expression>\" to the selects",
        "TM-103 group_bys/t/events_without_aggregations.v1: aggregations: is required for a GroupBy over events. "
            + "Fix: add aggregations, or read a daily snapshot table with an \"entities\" source to pass columns "
            + "through");
  }

  @Test
  void listOperationsNeedAPositiveK() {
    String json = COMPILED_JOIN.replace("\"argMap\": {\"k\": \"10\"}", "\"argMap\": {\"k\": \"ten\"}");
    Problems problems = new Problems();
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(text(json));

    assertThat(problems.errors()).extracting(Problem::render).containsExactly(
        "TM-106 joins/quickstart/bad.v1: joinParts[0].groupBy.aggregations[1].argMap: argMap.k of LAST_K must be an integer "
            + "from 1 to 1000000, got ten. Fix: set \"k\" within that range");
  }

  @Test
  void reportsInvalidJsonWithItsLocation() {
    Problems problems = new Problems();
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(text("{\"metaData\": {\"name\": }"));

    assertThat(problems.errors()).hasSize(1);
    assertThat(problems.errors().get(0).render())
        .startsWith("TM-101 joins/quickstart/bad.v1: is not valid JSON: ")
        .contains("(line 1, column 23)")
        .endsWith("Fix: correct the JSON syntax");
  }

  @Test
  void partColumnsThatCollideNeedAPrefix() {
    String json = COMPILED_JOIN.replace(", \"prefix\": \"buyer\"", "")
        .replace("\"metaData\": {\"name\": \"quickstart.users.v1\"}", "\"metaData\": {\"name\": \"quickstart.purchases.v1\"}")
        .replace("\"email_verified\": \"email_verified\"", "\"purchase_price_sum_3d\": \"1\"");
    Problems problems = new Problems();
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(text(json));

    assertThat(problems.errors()).extracting(Problem::render).containsExactly(
        "TM-115 joins/quickstart/bad.v1: joinParts[1]: writes column quickstart_purchases_v1_purchase_price_sum_3d, which "
            + "joinParts[0] writes too. Fix: set a different \"prefix\" on joinParts[1]");
  }

  private static DefinitionText text(String json) {
    return new DefinitionText("joins/quickstart/bad.v1", json);
  }
}
