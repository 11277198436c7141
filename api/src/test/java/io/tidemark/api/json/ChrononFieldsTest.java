package io.tidemark.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.Derivation;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.MetaData;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.naming.Names;
import io.tidemark.api.validation.Problem;
import io.tidemark.api.validation.Problems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fields of Chronon's compiled confs that change results: each is read, or refused with the file, the field and a
 * fix that works without it.
 */
class ChrononFieldsTest {
  private static final String FILE = "joins/shop/orders.v2";
  /** A join in compiled shape; the first %s is the join's metaData fields, the second its extra fields. */
  private static final String JOIN = """
      {"metaData": {"name": "shop.orders.v2", "outputNamespace": "feat"%s},
       "left": {"events": {"table": "raw.orders",
                           "query": {"selects": {"buyer": "buyer", "ts": "ts"}, "timeColumn": "ts"}}},
       "joinParts": [{"groupBy": {
         "metaData": {"name": "shop.basket.v1"},
         "sources": [{"events": {"table": "raw.baskets",
                                 "query": {"selects": {"buyer": "buyer", "items": "items"}, "timeColumn": "ts"}}}],
         "keyColumns": ["buyer"],
         "aggregations": [{"inputColumn": "items", "operation": 7, "windows": [{"length": 2, "timeUnit": 1}]}]}}]%s}
      """;

  private final Problems problems = new Problems();

  private Join join(String metaData, String extra) {
    return new DefinitionReader(GroupByResolver.INLINE_ONLY, problems)
        .readJoin(new DefinitionText(FILE, JOIN.formatted(metaData, extra)));
  }

  private List<String> errors() {
    return problems.errors().stream().map(Problem::render).toList();
  }

  private List<String> warnings() {
    return problems.warnings().stream().map(Problem::render).toList();
  }

  @Test
  void customJsonStepDaysIsReadAndOtherArgumentsWarn() {
    Join join = join(", \"customJson\": \"{\\\"lag\\\": 0, \\\"additional_args\\\": [\\\"--step-days 9\\\", "
        + "\\\"--fast\\\"]}\"", "");

    assertThat(errors()).isEmpty();
    assertThat(join.metaData().definedStepDays()).contains(9);
    assertThat(warnings()).containsExactly(FILE + ": metaData.customJson.additional_args: --fast is not an argument "
        + "Tidemark understands; ignored (Tidemark takes --step-days N from here)");
  }

  @Test
  void customJsonStepDaysWithAnEqualsSignIsRead() {
    Join join = join(", \"customJson\": \"{\\\"additional_args\\\": [\\\"--step-days=3\\\"]}\"", "");

    assertThat(errors()).isEmpty();
    assertThat(join.metaData().definedStepDays()).contains(3);
  }

  @Test
  void customJsonStepDaysThatIsNotANumberOfDaysIsAnError() {
    join(", \"customJson\": \"{\\\"additional_args\\\": [\\\"--step-days 0\\\"]}\"", "");

    assertThat(errors()).containsExactly("TM-106 " + FILE
        + ": metaData.customJson.additional_args: --step-days 0 is not a number "
        + "of days. Fix: give a whole number of 1 or more, e.g. \"--step-days 14\"");
  }

  @Test
  void customJsonWithoutArgumentsLeavesTheStepToTheCommandLine() {
    Join join = join(", \"customJson\": \"{\\\"lag\\\": 0}\"", "");

    assertThat(errors()).isEmpty();
    assertThat(warnings()).isEmpty();
    assertThat(join.metaData().definedStepDays()).isEmpty();
  }

  @Test
  void historicalBackfillFalseFillsOnlyTheLatestDay() {
    Join join = join(", \"historicalBackfill\": 0", "");

    assertThat(errors()).isEmpty();
    assertThat(join.metaData().history()).isEqualTo(MetaData.History.LATEST_DAY);
  }

  @Test
  void historicalBackfillTrueOrAbsentFillsEveryDay() {
    assertThat(join(", \"historicalBackfill\": 1", "").metaData().history()).isEqualTo(MetaData.History.ALL_DAYS);
    assertThat(join("", "").metaData().history()).isEqualTo(MetaData.History.ALL_DAYS);
    assertThat(errors()).isEmpty();
  }

  @Test
  void backfillStartDateIsReadAndCheckedAsADay() {
    GroupBy groupBy = join("", "").joinParts().get(0).groupBy();
    assertThat(groupBy.backfillStartDate()).isNull();

    Join join = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText(FILE,
        JOIN.formatted("", "").replace("\"keyColumns\"", "\"backfillStartDate\": \"2024-02-01\", \"keyColumns\"")));
    assertThat(join.joinParts().get(0).groupBy().backfillStartDate()).isEqualTo("2024-02-01");

    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText(FILE,
        JOIN.formatted("", "").replace("\"keyColumns\"", "\"backfillStartDate\": \"20240201\", \"keyColumns\"")));
    assertThat(errors()).containsExactly("TM-106 " + FILE
        + ": joinParts[0].groupBy.backfillStartDate: \"20240201\" is not a day "
        + "written yyyy-MM-dd. Fix: write the day as yyyy-MM-dd, e.g. 2023-11-01");
  }

  @Test
  void aJoinMayHaveNoJoinPartsOrAnEmptyList() {
    String withoutParts = """
        {"metaData": {"name": "shop.requests.v1", "outputNamespace": "feat"},
         "left": {"events": {"table": "raw.orders", "query": {"selects": {"buyer": "buyer"}}}}%s}
        """;
    Join absent = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems)
        .readJoin(new DefinitionText(FILE, withoutParts.formatted("")));
    Join empty = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems)
        .readJoin(new DefinitionText(FILE, withoutParts.formatted(", \"joinParts\": []")));

    assertThat(errors()).isEmpty();
    assertThat(absent.joinParts()).isEmpty();
    assertThat(empty.joinParts()).isEmpty();
  }

  @Test
  void tablesWithoutANamespaceOrWithASubPartitionAreReadAsChrononReadsThem() {
    Join join = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText(FILE,
        JOIN.formatted("", "").replace("\"raw.orders\"", "\"orders\"")
            .replace("\"raw.baskets\"", "\"raw.baskets/hr=00:00\"")));

    assertThat(errors()).isEmpty();
    assertThat(join.left().table()).isEqualTo("default.orders");
    assertThat(join.left().subPartition().isEmpty()).isTrue();
    assertThat(join.joinParts().get(0).groupBy().sources().get(0).table()).isEqualTo("raw.baskets");
    assertThat(join.joinParts().get(0).groupBy().sources().get(0).subPartition().values())
        .isEqualTo(Map.of("hr", "00:00"));
  }

  @Test
  void elementWiseAggregationsAreRefusedWithAFixThatWorks() {
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText(FILE,
        JOIN.formatted("", "").replace("\"operation\": 7,", "\"operation\": 7, \"elementWise\": 1,")));

    assertThat(errors()).containsExactly("TM-108 " + FILE
        + ": joinParts[0].groupBy.aggregations[0].elementWise: aggregating "
        + "lists position by position is not supported by this version of Tidemark. Fix: select each position as a "
        + "column of its own (e.g. \"x_0\": \"x[0]\") and aggregate those, or remove elementWise to aggregate every "
        + "element of the lists together");
  }

  @Test
  void elementWiseFalseIsTheDefault() {
    Join join = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText(FILE,
        JOIN.formatted("", "").replace("\"operation\": 7,", "\"operation\": 7, \"elementWise\": 0,")));

    assertThat(errors()).isEmpty();
    assertThat(join).isNotNull();
  }

  @Test
  void everyRefusedFieldIsReportedAtOnceWithAFixThatKeepsTheDefinitionWorking() {
    String json = JOIN.formatted("", """
        , "skewKeys": {"buyer": ["'0'"]}, "modelTransforms": {"transforms": [{}]}
        """)
        .replace("\"joinParts\": [{", "\"joinParts\": [{\"selectors\": [{\"name\": \"x\"}], ")
        .replace("\"ts\": \"ts\"}, \"timeColumn\": \"ts\"",
            "\"ts\": \"ts\"}, \"timeColumn\": \"ts\", \"setups\": [\"CREATE TEMPORARY FUNCTION f AS 'a.B'\"]");
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText(FILE, json));

    assertThat(errors()).containsExactly(
        "TM-108 " + FILE
            + ": left.events.query.setups: setup statements (UDF registration) is not supported by this version of "
            + "Tidemark. Fix: move the selection into a staging query, whose setups run, and read its table here; or "
            + "express the query with Spark SQL's built-in functions and remove setups",
        "TM-108 " + FILE
            + ": joinParts[0].selectors: aggregation selectors is not supported by this version of Tidemark. Fix: "
            + "remove selectors: the part adds every column of its GroupBy, and readers of the join's table select "
            + "the ones they need",
        "TM-108 " + FILE
            + ": skewKeys: skew keys is not supported by this version of Tidemark. Fix: remove skewKeys and leave "
            + "the skewed values out in the left's query.wheres, e.g. \"user_id NOT IN ('0', '-1')\" (the rows "
            + "Chronon's skew filter drops)",
        "TM-108 " + FILE
            + ": modelTransforms: model transforms is not supported by this version of Tidemark. Fix: remove "
            + "modelTransforms and run the model on the join's table (Tidemark does not run models)");
  }

  @Test
  void derivationsAreReadInOrderWithTheStarWhereItStands() {
    Join join = join("", """
        , "derivations": [{"name": "items_per_day", "expression": "shop_basket_v1_items_sum_2d / 2"},
                          {"name": "*", "expression": "*"},
                          {"name": "has_items", "expression": "shop_basket_v1_items_sum_2d > 0"}]
        """);

    assertThat(errors()).isEmpty();
    assertThat(warnings()).isEmpty();
    assertThat(join.derivations()).containsExactly(
        new Derivation("items_per_day", "shop_basket_v1_items_sum_2d / 2"), Derivation.star(),
        new Derivation("has_items", "shop_basket_v1_items_sum_2d > 0"));
    assertThat(join("", ", \"derivations\": []").hasDerivations()).isFalse();
  }

  @Test
  void everyWrongDerivationIsReportedAtOnceWithItsFieldAndAFix() {
    join("", """
        , "derivations": [{"name": "per day", "expression": "x / 2"},
                          {"name": "*", "expression": "x"},
                          {"name": "all", "expression": "*"},
                          {"expression": "x"}]
        """);

    assertThat(errors()).containsExactly(
        "TM-106 " + FILE
            + ": derivations[0].name: \"per day\" is not a column name. Fix: use letters, digits and _, starting "
            + "with a letter or _, e.g. \"spend_per_order\"",
        "TM-106 " + FILE
            + ": derivations[1].expression: must be \"*\" under the name \"*\", got \"x\". Fix: write {\"name\": "
            + "\"*\", \"expression\": \"*\"} to keep the base columns, or name the derived column",
        "TM-106 " + FILE
            + ": derivations[2].expression: \"*\" is the expression of the derivation named \"*\" only. Fix: name "
            + "it \"*\" to keep the base columns, or write an expression for all",
        "TM-103 " + FILE
            + ": derivations[3].name: is required. Fix: name the derived column, e.g. \"spend_per_order\" (or "
            + "\"*\" to keep the base columns)");
  }

  @Test
  void derivationsThatBindAreCheckedTogetherForRepeatedAndReservedNames() {
    join("", """
        , "derivations": [{"name": "Spend", "expression": "x"},
                          {"name": "spend", "expression": "x + 1"},
                          {"name": "ds", "expression": "x"},
                          {"name": "tidemark_row_key", "expression": "x"},
                          {"name": "*", "expression": "*"},
                          {"name": "*", "expression": "*"},
                          {"name": "ts", "expression": "ts"}]
        """);

    assertThat(errors()).containsExactly(
        "TM-115 " + FILE
            + ": derivations[1].name: names spend again (derivations[0] does too; names are compared regardless of "
            + "case). Fix: give each derived column a name of its own",
        "TM-115 " + FILE
            + ": derivations[2].name: ds is a column the output keeps as it is (the day, the time and Tidemark's "
            + "own columns are never derived). Fix: give the derived column another name",
        "TM-115 " + FILE
            + ": derivations[3].name: tidemark_row_key is a column the output keeps as it is (the day, the time "
            + "and Tidemark's own columns are never derived). Fix: give the derived column another name",
        "TM-115 " + FILE
            + ": derivations[5].name: keeps the base columns again (derivations[4] does too; names are compared "
            + "regardless of case). Fix: keep one {\"name\": \"*\", \"expression\": \"*\"}");
    // derivations[6] writes ts as itself, which every output does anyway: no problem.
  }

  @Test
  void aGroupBysDerivationsAreReadForItsOwnTableAndRefusedInsideAJoinPart() {
    String derivations = ", \"derivations\": [{\"name\": \"items_per_day\", \"expression\": "
        + "\"items_sum_2d / 2\"}]";
    GroupBy groupBy = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readGroupBy(new DefinitionText(
        "group_bys/shop/basket.v1", """
        {"metaData": {"name": "shop.basket.v1", "outputNamespace": "feat"},
         "sources": [{"events": {"table": "raw.baskets", "query": {"selects": {"buyer": "buyer", "items": "items"}}}}],
         "keyColumns": ["buyer"],
         "aggregations": [{"inputColumn": "items", "operation": "SUM", "windows": [{"length": 2, "timeUnit": 1}]}]%s}
        """.formatted(derivations)));

    assertThat(errors()).isEmpty();
    assertThat(groupBy.derivations()).containsExactly(new Derivation("items_per_day", "items_sum_2d / 2"));

    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText(FILE,
        JOIN.formatted("", "").replace("\"timeUnit\": 1}]}]}}]", "\"timeUnit\": 1}]}]" + derivations + "}}]")));
    assertThat(errors()).containsExactly("TM-108 " + FILE
        + ": joinParts[0].groupBy.derivations: the derivations of a GroupBy "
        + "joined as a part are not supported by this version of Tidemark (they apply to the GroupBy's own table). "
        + "Fix: derive the columns in the join's derivations instead, over the part's columns (named "
        + "shop_basket_v1_<column>), with {\"name\": \"*\", \"expression\": \"*\"} to keep the others; or join a "
        + "GroupBy without derivations");
  }

  /** A GroupBy over a join source whose parent join's left is %s; the parent's metaData fields are the first %s. */
  private static final String CHAINED = """
      {"metaData": {"name": "shop.spend.v1"},
       "sources": [{"joinSource": {
         "join": {"metaData": {"name": "shop.orders.v2"%s},
                  "left": %s,
                  "joinParts": [{"groupBy": {
                    "metaData": {"name": "shop.basket.v1"},
                    "sources": [{"events": {"table": "raw.baskets", "query": {"selects": {"buyer": "buyer",
                        "items": "items"}, "timeColumn": "ts"}}}],
                    "keyColumns": ["buyer"],
                    "aggregations": [{"inputColumn": "items", "operation": "SUM"}]}}]},
         "query": {"selects": {"buyer": "buyer", "items": "shop_basket_v1_items_sum"}, "wheres": ["buyer <> 'x'"],
                   "timeColumn": "ts"}}}],
       "keyColumns": ["buyer"],
       "aggregations": [{"inputColumn": "items", "operation": "SUM"}]}
      """;
  private static final String EVENTS_LEFT = """
      {"events": {"table": "raw.orders", "topic": "orders", "query": {"selects": {"buyer": "buyer", "ts": "ts"}}}}""";

  private GroupBy chained(String parentMetaData, String left) {
    return new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readGroupBy(
        new DefinitionText("group_bys/shop/spend.v1", CHAINED.formatted(parentMetaData, left)));
  }

  @Test
  void aJoinSourceReadsItsParentJoinsTableAsEventsWithItsOwnQuery() {
    GroupBy groupBy = chained(", \"outputNamespace\": \"feat\"", EVENTS_LEFT);

    assertThat(errors()).isEmpty();
    EventSource source = (EventSource) groupBy.sources().get(0);
    assertThat(source.table()).isEqualTo("feat.shop_orders_v2");
    assertThat(source.query().selects()).containsExactly(Map.entry("buyer", "buyer"),
        Map.entry("items", "shop_basket_v1_items_sum"));
    assertThat(source.query().wheres()).containsExactly("buyer <> 'x'");
    assertThat(source.parentJoin().orElseThrow().name()).isEqualTo("shop.orders.v2");
    // As Chronon infers it: the parent's left topic makes the chained GroupBy temporally accurate.
    assertThat(source.topic()).isEqualTo("orders");
    assertThat(groupBy.effectiveAccuracy()).isEqualTo(Accuracy.TEMPORAL);
  }

  @Test
  void aJoinSourcesParentIsCheckedAsAJoinWhereItSits() {
    chained("", EVENTS_LEFT);

    assertThat(errors()).containsExactly("TM-103 group_bys/shop/spend.v1: sources[0].joinSource.join.metaData.outputNamespace: "
        + "is required for a join. Fix: name the namespace that holds the join's tables, e.g. \"outputNamespace\": "
        + "\"quickstart\"");
  }

  @Test
  void aJoinSourceWhoseParentHasAnEntitiesLeftIsRefusedWithAWorkingFix() {
    chained(", \"outputNamespace\": \"feat\"", """
        {"entities": {"snapshotTable": "raw.buyers", "query": {"selects": {"buyer": "buyer"}}}}""");

    assertThat(errors()).containsExactly("TM-106 group_bys/shop/spend.v1: sources[0].joinSource.join.left: is an entities "
        + "source; a join source reads its parent's output as events, which needs the event time ts that only a join "
        + "with an events left writes. Fix: read the parent's table feat.shop_orders_v2 with an entities source in "
        + "place of the joinSource: {\"entities\": {\"snapshotTable\": \"feat.shop_orders_v2\", \"query\": <the "
        + "joinSource's query>}}");
  }

  @Test
  void aJoinSourceNeedsItsParentAndStandsAlone() {
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readGroupBy(new DefinitionText("group_bys/shop/x.v1",
        """
        {"metaData": {"name": "shop.x.v1"},
         "sources": [{"joinSource": {"query": {}}},
                     {"joinSource": {"join": {}}, "events": {"table": "raw.orders"}}],
         "keyColumns": ["buyer"]}
        """));

    assertThat(errors()).containsExactly(
        "TM-103 group_bys/shop/x.v1: sources[0].joinSource.join: is required. Fix: inline the parent join whose output this "
            + "source reads: \"join\": {\"metaData\": ..., \"left\": ..., \"joinParts\": ...}",
        "TM-109 group_bys/shop/x.v1: sources[1]: has both joinSource and events. Fix: keep exactly one of \"events\", "
            + "\"entities\" or \"joinSource\"");
  }

  @Test
  void aJoinSourceAsAJoinsLeftIsRefusedWithAWorkingFix() {
    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText(FILE, """
        {"metaData": {"name": "shop.orders.v3", "outputNamespace": "feat"},
         "left": {"joinSource": {"join": {"metaData": {"name": "shop.orders.v2", "outputNamespace": "feat"},
                                          "left": %s},
                                 "query": {"selects": {"buyer": "buyer"}}}}}
        """.formatted(EVENTS_LEFT)));

    assertThat(errors()).containsExactly("TM-108 " + FILE
        + ": left.joinSource: a join source as a join's left is not supported "
        + "by this version of Tidemark. Fix: backfill the parent join first, then read its table as the left's "
        + "events: {\"events\": {\"table\": \"feat.shop_orders_v2\", \"query\": <the joinSource's query>}}");
  }

  @Test
  void externalPartKeyMappingIsRead() {
    Join join = join("", """
        , "onlineExternalParts": [{"keyMapping": {"buyer": "user"}, "source": {
            "metadata": {"name": "risk"}, "factoryConfig": {"factoryName": "http"},
            "keySchema": {"kind": 13, "params": [{"name": "user", "dataType": {"kind": 4}}]},
            "valueSchema": {"kind": 13, "params": [{"name": "score", "dataType": {"kind": 5}}]}}}]
        """);
    assertThat(errors()).isEmpty();
    assertThat(warnings()).isEmpty();
    assertThat(join.externalParts()).hasSize(1);
    assertThat(join.externalParts().get(0).keyMapping()).containsExactly(Map.entry("buyer", "user"));
    assertThat(join.computedParts()).hasSize(1);
  }

  @Test
  void anExternalPartsOfflineGroupByIsComputedAsAJoinPartNamedAfterTheSource() {
    Join join = join("", """
        , "onlineExternalParts": [{"prefix": "p", "keyMapping": {"buyer": "user"}, "source": {
            "metadata": {"name": "risk"},
            "keySchema": {"kind": 13, "params": [{"name": "user", "dataType": {"kind": 4}}]},
            "valueSchema": {"kind": 13, "params": [{"name": "score_max", "dataType": {"kind": 5}}]},
            "offlineGroupBy": {"metaData": {"name": "shop.risk.v1"},
              "sources": [{"events": {"table": "raw.risk", "query": {"selects": {"user": "user", "score": "score"}}}}],
              "keyColumns": ["user"],
              "aggregations": [{"inputColumn": "score", "operation": "MAX"}]}}}]
        """);

    assertThat(errors()).isEmpty();
    assertThat(warnings()).isEmpty();
    assertThat(Names.externalColumns(join.externalParts().get(0))).containsExactly("ext_p_risk_score_max");
    assertThat(join.computedParts()).extracting(Join.ComputedPart::path)
        .containsExactly("joinParts[0]", "onlineExternalParts[0]");
    JoinPart offline = join.computedParts().get(1).part();
    assertThat(offline.groupBy().name()).isEqualTo("shop.risk.v1");
    assertThat(offline.leftColumnFor("user")).isEqualTo("buyer");
    assertThat(Names.joinPartColumns(offline)).containsExactly("ext_p_risk_score_max");
    assertThat(SemanticHash.of(join).components()).containsOnlyKeys("left", "row_ids", "part shop_basket_v1",
        "part ext_p_risk");
  }

  @Test
  void anOfflineGroupByIsCheckedWhereItSitsAndWarnsWhenItsColumnsAreNotTheServicesFields() {
    join("", """
        , "onlineExternalParts": [{"keyMapping": {"seller": "user"}, "source": {
            "metadata": {"name": "risk"},
            "valueSchema": {"kind": 13, "params": [{"name": "score", "dataType": {"kind": 5}}]},
            "offlineGroupBy": {"metaData": {"name": "shop.risk.v1"},
              "sources": [{"events": {"table": "raw.risk", "query": {"selects": {"user": "user", "score": "score"}}}}],
              "keyColumns": ["user"],
              "aggregations": [{"inputColumn": "score", "operation": "MAX"}]}}}]
        """);

    assertThat(errors()).containsExactly("TM-112 " + FILE
        + ": onlineExternalParts[0].keyMapping.seller: maps the left column "
        + "seller, which the left source does not select. Fix: select seller on the left, or map a selected left "
        + "column");
    assertThat(warnings()).containsExactly(FILE + ": onlineExternalParts[0].source.valueSchema: names the fields score "
        + "that the service returns online, but offlineGroupBy shop.risk.v1 computes score_max, which name the columns "
        + "offline (as in Chronon); training data and served values then differ in their columns: list the GroupBy's "
        + "columns in valueSchema");
  }

  @Test
  void stagingQuerySetupsAreReadAndThoseThatChangeMoreThanTheSessionAreRefused() {
    String query = """
        {"metaData": {"name": "shop.daily.v1", "outputNamespace": "stage"},
         "setups": [%s],
         "query": "SELECT * FROM raw.orders WHERE ds BETWEEN '{{ start_date }}' AND '{{ end_date }}'"}
        """;
    StagingQuery read = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readStagingQuery(
        new DefinitionText("staging_queries/shop/daily.v1", query.formatted(
            "\"CREATE TEMPORARY FUNCTION f AS 'org.example.F'\", \"set spark.sql.ansi.enabled=true\"")));
    assertThat(errors()).isEmpty();
    assertThat(read.setups())
        .containsExactly("CREATE TEMPORARY FUNCTION f AS 'org.example.F'", "set spark.sql.ansi.enabled=true");

    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readStagingQuery(new DefinitionText(
        "staging_queries/shop/daily.v1", query.formatted("\"ADD JAR /udfs.jar\", \"DROP TABLE raw.orders\"")));
    assertThat(errors()).containsExactly("TM-106 staging_queries/shop/daily.v1: setups[1]: \"DROP TABLE raw.orders\" would "
        + "change more than the Spark session, and setups run for every plan (which changes nothing) as well as every "
        + "backfill. Fix: keep to session statements (CREATE TEMPORARY FUNCTION, CREATE TEMPORARY VIEW, ADD JAR, SET); "
        + "build tables with a staging query of their own");
  }

  @Test
  void stagingQueryAsAViewIsRefusedAndAsATableIsRead() {
    String query = """
        {"metaData": {"name": "shop.daily.v1", "outputNamespace": "stage"}, "createView": %s,
         "query": "SELECT * FROM raw.orders WHERE ds BETWEEN '{{ start_date }}' AND '{{ end_date }}'"}
        """;
    StagingQuery table = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems)
        .readStagingQuery(new DefinitionText("staging_queries/shop/daily.v1", query.formatted("0")));
    assertThat(table).isNotNull();
    assertThat(errors()).isEmpty();

    new DefinitionReader(GroupByResolver.INLINE_ONLY, problems)
        .readStagingQuery(new DefinitionText("staging_queries/shop/daily.v1", query.formatted("true")));
    assertThat(errors()).containsExactly("TM-108 staging_queries/shop/daily.v1: createView: a view instead of a table is not "
        + "supported by this version of Tidemark. Fix: remove createView (or set it to false): Tidemark writes the "
        + "query's rows to a table partitioned by ds, which Spark and Trino read like a view");
  }
}
