package io.tidemark.api.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Join;
import io.tidemark.api.json.DefinitionReader;
import io.tidemark.api.json.DefinitionText;
import io.tidemark.api.json.GroupByResolver;
import io.tidemark.api.json.ReadOptions;
import io.tidemark.api.validation.Problems;
import org.junit.jupiter.api.Test;

class SemanticHashTest {
  static final String JOIN = """
      {"metaData": {"name": "team.training.v1", "team": "%s", "outputNamespace": "out"},
       "left": {"events": {"table": "data.requests",
                "query": {"selects": {"request_id": "request_id", "user_id": "user_id", "ts": "ts"},
                          "wheres": [%s], "startPartition": "%s"}}},
       "joinParts": [{"groupBy": {"metaData": {"name": "team.spend.v1", "team": "%s"},
          "sources": [{"events": {"table": "data.purchases", "topic": "%s",
                                  "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
          "keyColumns": ["user_id"], "accuracy": "TEMPORAL",
          "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}%s}],
       "rowIds": ["request_id"]%s}
      """;

  static SemanticHash hash(String team, String wheres, String start, String topic, String partExtras,
      String rest) {
    Problems problems = new Problems();
    Join join = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText("j.json",
        JOIN.formatted(team, wheres, start, team, topic, partExtras, rest)));
    problems.throwIfErrors();
    return SemanticHash.of(join);
  }

  static SemanticHash base() {
    return hash("a", "\"user_id IS NOT NULL\", \"ts > 0\"", "2023-01-01", "events/purchases", "", "");
  }

  @Test
  void namesOneComponentPerMeaningfulPartOfTheJoin() {
    SemanticHash hash = hash("a", "", "2023-01-01", "t", "", ", \"bootstrapParts\": [{\"table\": \"data.legacy\"},"
        + " {\"table\": \"data.legacy\", \"query\": {\"wheres\": [\"x\"]}}], \"bootstrapFromLog\": true");

    assertThat(hash.version()).isEqualTo(1);
    assertThat(hash.components()).containsOnlyKeys("left", "row_ids", "part team_spend_v1", "bootstrap data.legacy",
        "bootstrap data.legacy #2", "log out.team_training_v1_logged");
    assertThat(hash.bootstrapSources()).containsExactly("bootstrap data.legacy", "bootstrap data.legacy #2",
        "log out.team_training_v1_logged");
    // SHA-256 of the canonical JSON, first 16 hex digits: printf '["request_id"]' | sha256sum
    assertThat(hash.get("row_ids")).isEqualTo("3ed182dd201af6e4");
    // The log comes third in priority: printf '{"priority":2}' | sha256sum
    assertThat(hash.get("log out.team_training_v1_logged")).isEqualTo("714ccae38addbdaf");
  }

  @Test
  void topicsTeamsLeftPartitionBoundsAndTheOrderOfWheresDoNotCount() {
    SemanticHash other = hash("b", "\"ts > 0\", \"user_id IS NOT NULL\"", "2022-06-01", "events/other", "", "");

    assertThat(other).isEqualTo(base());
    assertThat(other.digest()).isEqualTo(base().digest());
  }

  /** A join whose part reads a join source; the parent's part window is {@code %s} and the parent's team {@code %s}. */
  private static SemanticHash chained(String parentWindows, String parentTeam) {
    String parent = """
        {"metaData": {"name": "team.orders.v1", "team": "%s", "outputNamespace": "out"},
         "left": {"events": {"table": "data.orders", "query": {"selects": {"user_id": "user_id", "ts": "ts"}}}},
         "joinParts": [{"groupBy": {"metaData": {"name": "team.spend.v1"},
            "sources": [{"events": {"table": "data.purchases"}}], "keyColumns": ["user_id"],
            "aggregations": [{"inputColumn": "amount", "operation": "SUM", "windows": %s}]}}]}
        """.formatted(parentTeam, parentWindows);
    String text = JOIN.formatted("a", "", "2023-01-01", "a", "t", "", "").replace(
        "{\"events\": {\"table\": \"data.purchases\", \"topic\": \"t\",",
        "{\"joinSource\": {\"join\": " + parent + ",");
    Problems problems = new Problems();
    Join join = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(new DefinitionText("j.json", text));
    problems.throwIfErrors();
    return SemanticHash.of(join);
  }

  @Test
  void aChangedParentJoinChangesThePartThatReadsItsOutputOnly() {
    SemanticHash base = chained("[{\"length\": 7, \"timeUnit\": \"DAYS\"}]", "a");
    SemanticHash otherWindow = chained("[{\"length\": 8, \"timeUnit\": \"DAYS\"}]", "a");
    SemanticHash otherTeam = chained("[{\"length\": 7, \"timeUnit\": \"DAYS\"}]", "b");

    assertThat(otherWindow.get("part team_spend_v1")).isNotEqualTo(base.get("part team_spend_v1"));
    assertThat(otherWindow.get("left")).isEqualTo(base.get("left"));
    // The parent's team changes none of its values, so nothing that reads them either.
    assertThat(otherTeam).isEqualTo(base);
  }

  /** The hash of {@link #base()} with its two tables written as {@code left} and {@code source}. */
  static SemanticHash withTables(ReadOptions options, String left, String source) {
    Problems problems = new Problems();
    String text = JOIN.formatted("a", "\"user_id IS NOT NULL\", \"ts > 0\"", "2023-01-01", "a", "events/purchases",
        "", "").replace("\"data.requests\"", "\"" + left + "\"").replace("\"data.purchases\"", "\"" + source + "\"");
    Join join = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems, options)
        .readJoin(new DefinitionText("j.json", text));
    problems.throwIfErrors();
    return SemanticHash.of(join);
  }

  @Test
  void aTableNamedWithoutItsNamespaceHashesAsTheTableItResolvesTo() {
    SemanticHash bare = withTables(ReadOptions.DEFAULTS, "requests", "purchases");
    SemanticHash qualified = withTables(ReadOptions.DEFAULTS, "default.requests", "default.purchases");

    assertThat(bare).isEqualTo(qualified);
    assertThat(bare.digest()).isEqualTo(qualified.digest());
    // Read in the namespace data, the bare names are base()'s tables; in default they are other tables.
    assertThat(withTables(new ReadOptions("data"), "requests", "purchases")).isEqualTo(base());
    assertThat(bare.get("left")).isNotEqualTo(base().get("left"));
    assertThat(bare.get("part team_spend_v1")).isNotEqualTo(base().get("part team_spend_v1"));
  }

  @Test
  void aPartSourcesSubPartitionCountsInAnyOrderAndTheLeftsDoesNot() {
    SemanticHash hourly = withTables(ReadOptions.DEFAULTS, "data.requests", "data.purchases/hr=00:00/system=web");
    SemanticHash reordered = withTables(ReadOptions.DEFAULTS, "data.requests", "data.purchases/system=web/hr=00:00");
    SemanticHash leftHourly = withTables(ReadOptions.DEFAULTS, "data.requests/hr=00:00", "data.purchases");

    assertThat(hourly.get("part team_spend_v1")).isNotEqualTo(base().get("part team_spend_v1"));
    assertThat(hourly.get("left")).isEqualTo(base().get("left"));
    assertThat(reordered).isEqualTo(hourly);
    // The left's sub-partition picks the days filled, as its partition bounds do; a filled day's rows are the same.
    assertThat(leftHourly).isEqualTo(base());
  }

  @Test
  void keyMappingPrefixAndLeftQueryCount() {
    SemanticHash mapped = hash("a", "\"user_id IS NOT NULL\", \"ts > 0\"", "2023-01-01", "events/purchases",
        ", \"keyMapping\": {\"user_id\": \"user_id\"}", "");
    SemanticHash prefixed = hash("a", "\"user_id IS NOT NULL\", \"ts > 0\"", "2023-01-01", "events/purchases",
        ", \"prefix\": \"p\"", "");
    SemanticHash filtered = hash("a", "\"ts > 0\"", "2023-01-01", "events/purchases", "", "");

    assertThat(mapped.get("part team_spend_v1")).isNotEqualTo(base().get("part team_spend_v1"));
    assertThat(mapped.get("left")).isEqualTo(base().get("left"));
    assertThat(prefixed.components()).containsKey("part p_team_spend_v1").doesNotContainKey("part team_spend_v1");
    assertThat(filtered.get("left")).isNotEqualTo(base().get("left"));
    assertThat(filtered.get("part team_spend_v1")).isEqualTo(base().get("part team_spend_v1"));
  }

  @Test
  void swappingTwoBootstrapPartsChangesBothSincePriorityDecidesWhichValueWins() {
    SemanticHash before = hash("a", "", "2023-01-01", "t", "",
        ", \"bootstrapParts\": [{\"table\": \"data.one\"}, {\"table\": \"data.two\"}]");
    SemanticHash after = hash("a", "", "2023-01-01", "t", "",
        ", \"bootstrapParts\": [{\"table\": \"data.two\"}, {\"table\": \"data.one\"}]");

    assertThat(after.get("bootstrap data.one")).isNotEqualTo(before.get("bootstrap data.one"));
    assertThat(after.get("bootstrap data.two")).isNotEqualTo(before.get("bootstrap data.two"));
    assertThat(after.get("part team_spend_v1")).isEqualTo(before.get("part team_spend_v1"));
  }

  @Test
  void readsBackWhatItStores() {
    SemanticHash stored = SemanticHash.stored(1, base().toJson());

    assertThat(stored).isEqualTo(base());
    assertThat(stored.components().keySet()).containsExactly("left", "row_ids", "part team_spend_v1");
    assertThat(SemanticHash.stored(0, base().toJson()).comparableWith(base())).isFalse();
  }

  @Test
  void aLabelPartIsOneComponentThatTheJoinsOwnOutputLeavesOut() {
    String labels = ", \"labelPart\": {\"labels\": [{\"groupBy\": {\"metaData\": {\"name\": \"team.fraud.v1\"}, "
        + "\"sources\": [{\"entities\": {\"snapshotTable\": \"data.fraud\", \"query\": {\"selects\": "
        + "{\"user_id\": \"user_id\", \"is_fraud\": \"is_fraud\"}}}}], \"keyColumns\": [\"user_id\"]}}], "
        + "\"leftStartOffset\": %d, \"leftEndOffset\": 1, \"metaData\": {\"offlineSchedule\": \"%s\"}}";
    String where = "\"user_id IS NOT NULL\", \"ts > 0\"";
    SemanticHash labeled = hash("a", where, "2023-01-01", "events/purchases", "", labels.formatted(30, "@daily"));
    SemanticHash weekly = hash("a", where, "2023-01-01", "events/purchases", "", labels.formatted(30, "@weekly"));
    SemanticHash shorter = hash("a", where, "2023-01-01", "events/purchases", "", labels.formatted(7, "@daily"));

    assertThat(labeled.components()).containsOnlyKeys("left", "row_ids", "part team_spend_v1", "label");
    assertThat(base().components()).doesNotContainKey("label");
    assertThat(labeled.withoutLabel()).isEqualTo(base());
    assertThat(weekly).isEqualTo(labeled);
    assertThat(shorter.get("label")).isNotEqualTo(labeled.get("label"));
    assertThat(shorter.withoutLabel()).isEqualTo(labeled.withoutLabel());
  }

  @Test
  void derivationsAreOneComponentOfTheJoinAndPartOfTheirGroupBysHash() {
    String where = "\"user_id IS NOT NULL\", \"ts > 0\"";
    String derivations = ", \"derivations\": [{\"name\": \"spend\", \"expression\": \"%s\"}, "
        + "{\"name\": \"*\", \"expression\": \"*\"}]";
    SemanticHash derived = hash("a", where, "2023-01-01", "events/purchases", "",
        derivations.formatted("team_spend_v1_amount_sum"));
    SemanticHash doubled = hash("a", where, "2023-01-01", "events/purchases", "",
        derivations.formatted("team_spend_v1_amount_sum * 2"));
    SemanticHash reordered = hash("a", where, "2023-01-01", "events/purchases", "", ", \"derivations\": [{\"name\": "
        + "\"*\", \"expression\": \"*\"}, {\"name\": \"spend\", \"expression\": \"team_spend_v1_amount_sum\"}]");

    assertThat(base().components()).doesNotContainKey("derivations");
    assertThat(derived.components()).containsOnlyKeys("left", "row_ids", "part team_spend_v1", "derivations");
    // printf '[["spend","team_spend_v1_amount_sum"],["*","*"]]' | sha256sum
    assertThat(derived.get("derivations")).isEqualTo("59b68f481d96054a");
    assertThat(doubled.get("derivations")).isNotEqualTo(derived.get("derivations"));
    // The order of the output's columns follows the derivations'.
    assertThat(reordered.get("derivations")).isNotEqualTo(derived.get("derivations"));
    assertThat(doubled.get("part team_spend_v1")).isEqualTo(base().get("part team_spend_v1"));
    assertThat(doubled.get("left")).isEqualTo(base().get("left"));
  }
}
