package io.tidemark.labels;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static io.tidemark.labels.LabelFixtures.label;
import static io.tidemark.labels.LabelFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.catalog.TableProperties;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.JoinBackfill;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.view.SQLViewRepresentation;
import org.apache.iceberg.view.View;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label joins on real tables, every value worked out by hand. The left, its one feature and the label sources:
 *
 * <pre>
 * checkouts (left, no row ids)      refunds (events)                     fraud (entity snapshots)
 *   c0 u1 2023-03-31 10:00            u1  10 2023-04-23 23:00              2023-04-29: u1 0, u2 1
 *   c1 u1 2023-04-01 10:00            u1   5 2023-04-24 00:00              2023-04-30: u1 1, u2 0
 *   c2 u2 2023-04-21 10:00            u1   7 2023-04-27 12:00              2023-05-02: u2 1
 *   c3 u3 2023-04-21 11:00            u1   3 2023-04-30 23:59:59.999       (no snapshot on 2023-05-01)
 *   c4 u1 2023-04-22 10:00            u1 100 2023-05-01 00:00
 *   c7 u1 2023-04-23 10:00            u2  50 2023-04-20 09:00
 *   c5 u1 2023-04-24 10:00            u2  20 2023-04-26 15:00
 *   c6 u3 2023-04-24 11:00
 *   c8 u2 2023-04-26 10:00
 * </pre>
 */
class LabelJoinTest {
  static final String SPEND = """
      {"groupBy": {"metaData": {"name": "lbl.spend.v1"},
        "sources": [{"events": {"table": "lbl.refunds", "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
        "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "COUNT"}]}}""";
  static final String FRAUD = """
      {"groupBy": {"metaData": {"name": "lbl.fraud.v1"},
        "sources": [{"entities": {"snapshotTable": "lbl.fraud", "query": {"selects": {"user_id": "user_id",
                                  "is_fraud": "is_fraud"}}}}],
        "keyColumns": ["user_id"]}}""";
  static final String REFUNDS = """
      {"groupBy": {"metaData": {"name": "lbl.refunds.v1"},
        "sources": [{"events": {"table": "lbl.refunds", "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
        "keyColumns": ["user_id"],
        "aggregations": [{"inputColumn": "amount", "operation": "SUM", "windows": [{"length": 7, "timeUnit": "DAYS"}]}]}}""";
  static final String JOIN = """
      {"metaData": {"name": "lbl.%s.v1", "outputNamespace": "lbl"},
       "left": {"events": {"table": "lbl.checkouts",
                "query": {"selects": {"checkout_id": "checkout_id", "user_id": "user_id", "ts": "ts"}}}},
       "joinParts": [%s]%s}
      """;

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.lbl");
    sql("CREATE TABLE lake.lbl.checkouts (checkout_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.lbl.checkouts VALUES "
        + checkout("c0", "u1", "2023-03-31T10:00:00Z") + ", " + checkout("c1", "u1", "2023-04-01T10:00:00Z") + ", "
        + checkout("c2", "u2", "2023-04-21T10:00:00Z") + ", " + checkout("c3", "u3", "2023-04-21T11:00:00Z") + ", "
        + checkout("c4", "u1", "2023-04-22T10:00:00Z") + ", " + checkout("c7", "u1", "2023-04-23T10:00:00Z") + ", "
        + checkout("c5", "u1", "2023-04-24T10:00:00Z") + ", " + checkout("c6", "u3", "2023-04-24T11:00:00Z") + ", "
        + checkout("c8", "u2", "2023-04-26T10:00:00Z"));
    sql("CREATE TABLE lake.lbl.refunds (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.lbl.refunds VALUES "
        + refund("u1", 10, "2023-04-23T23:00:00Z") + ", " + refund("u1", 5, "2023-04-24T00:00:00Z") + ", "
        + refund("u1", 7, "2023-04-27T12:00:00Z") + ", " + refund("u1", 3, "2023-04-30T23:59:59.999Z") + ", "
        + refund("u1", 100, "2023-05-01T00:00:00Z") + ", " + refund("u2", 50, "2023-04-20T09:00:00Z") + ", "
        + refund("u2", 20, "2023-04-26T15:00:00Z"));
    sql("CREATE TABLE lake.lbl.fraud (user_id STRING, is_fraud INT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.lbl.fraud VALUES ('u1', 0, '2023-04-29'), ('u2', 1, '2023-04-29'), "
        + "('u1', 1, '2023-04-30'), ('u2', 0, '2023-04-30'), ('u2', 1, '2023-05-02')");
  }

  @Test
  void entityLabelsReadTheSnapshotOfLabelDsForTheDaysTheOffsetsPick() {
    Loaded<Join> join = definition("entity", FRAUD, 30, 10);
    backfill(join);

    // label_ds 2023-04-30 with offsets 30/10 labels 2023-04-01 .. 2023-04-21: c1, c2 and c3.
    LabelJoin labels = new LabelJoin(CATALOG, join);
    LabelPlan plan = labels.plan(LabelRange.refresh(Day.parse("2023-04-30")));
    assertThat(plan.versions()).containsExactly(new LabelVersion(Day.parse("2023-04-30"),
        new DayRange(Day.parse("2023-04-01"), Day.parse("2023-04-21")),
        List.of(Day.parse("2023-04-01"), Day.parse("2023-04-21"))));
    assertThat(plan.tableState()).isEqualTo(LabelPlan.TableState.NEW);
    LabelResult result = labels.run(plan, LabelListener.NONE);

    assertThat(result.versionsWritten()).extracting(Day::toString).containsExactly("2023-04-30");
    assertThat(result.rowsWritten()).isEqualTo(3);
    // Snapshot of 2023-04-30 (not of the day before): u1 1, u2 0; u3 is not in it.
    assertThat(labeled("lbl_entity_v1_labeled", "label_lbl_fraud_v1_is_fraud")).containsExactly(
        row("c0", null, null), row("c1", 1, "2023-04-30"), row("c2", 0, "2023-04-30"), row("c3", null, "2023-04-30"),
        row("c4", null, null), row("c5", null, null), row("c6", null, null), row("c7", null, null),
        row("c8", null, null));

    // label_ds 2023-05-01 labels 2023-04-02 .. 2023-04-22 (c2, c3, c4) from a snapshot that does not exist: NULL.
    label(join, LabelRange.refresh(Day.parse("2023-05-01")));

    // Every version: c2 and c3 appear once per version that labeled their day.
    assertThat(labeled("lbl_entity_v1_labeled", "label_lbl_fraud_v1_is_fraud")).containsExactly(
        row("c0", null, null), row("c1", 1, "2023-04-30"), row("c2", 0, "2023-04-30"), row("c2", null, "2023-05-01"),
        row("c3", null, "2023-04-30"), row("c3", null, "2023-05-01"), row("c4", null, "2023-05-01"),
        row("c5", null, null), row("c6", null, null), row("c7", null, null), row("c8", null, null));
    // The newest version of each day: 2023-05-01 for 2023-04-21 and 2023-04-22, 2023-04-30 still for 2023-04-01.
    assertThat(labeled("lbl_entity_v1_labeled_latest", "label_lbl_fraud_v1_is_fraud")).containsExactly(
        row("c0", null, null), row("c1", 1, "2023-04-30"), row("c2", null, "2023-05-01"),
        row("c3", null, "2023-05-01"), row("c4", null, "2023-05-01"), row("c5", null, null), row("c6", null, null),
        row("c7", null, null), row("c8", null, null));

    // A newer version that lands without the views being written again is what _labeled_latest shows.
    sql("INSERT INTO lake.lbl.lbl_entity_v1_labels SELECT tidemark_row_key, 0, '2023-05-05', ds "
        + "FROM lake.lbl.lbl_entity_v1 WHERE checkout_id = 'c1'");
    assertThat(labeled("lbl_entity_v1_labeled_latest", "label_lbl_fraud_v1_is_fraud")).startsWith(
        row("c0", null, null), row("c1", 0, "2023-05-05"), row("c2", null, "2023-05-01"));
  }

  @Test
  void theViewsHaveASparkAndATrinoRepresentationAndResolveInTheJoinsNamespace() {
    Loaded<Join> join = definition("dialects", FRAUD, 1, 1);
    backfill(join);
    label(join, LabelRange.refresh(Day.parse("2023-04-30")));

    for (String name : List.of("lbl_dialects_v1_labeled", "lbl_dialects_v1_labeled_latest")) {
      View view = ((ViewCatalog) CATALOG.icebergCatalog()).loadView(TableIdentifier.of("lbl", name));
      assertThat(view.currentVersion().representations()).extracting(rep -> ((SQLViewRepresentation) rep).dialect())
          .containsExactlyInAnyOrder("spark", "trino");
      assertThat(view.currentVersion().defaultCatalog()).isEqualTo("lake");
      assertThat(view.currentVersion().defaultNamespace()).isEqualTo(Namespace.of("lbl"));
      assertThat(view.sqlFor("trino").sql()).contains("FROM \"lbl_dialects_v1\" AS j").doesNotContain("`");
      assertThat(view.properties()).containsEntry(TableProperties.LABEL_TABLE, "lbl.lbl_dialects_v1_labels")
          .containsEntry(TableProperties.FEATURE_TABLE, "lbl.lbl_dialects_v1");
    }
    // Offsets 1/1 label label_ds itself: 2023-04-30 has no checkout, so the version is empty and not written.
    assertThat(rows("SELECT count(*) FROM lbl.lbl_dialects_v1_labels")).containsExactly(List.of(0L));
    assertThat(rows("SELECT count(*), count(label_ds) FROM lbl.lbl_dialects_v1_labeled"))
        .containsExactly(List.of(9L, 0L));
  }

  @Test
  void aggregatedLabelsSumTheWindowThatEndsWithLabelDsAndRefreshingAVersionReplacesIt() {
    Loaded<Join> join = definition("refund", REFUNDS, 7, 7);
    backfill(join);

    // label_ds 2023-04-30 with 7/7 labels the one day 2023-04-24 (c5 u1, c6 u3) with refunds of
    // [2023-04-24 00:00, 2023-05-01 00:00): for u1, 5 (at the window's start, in) + 7 + 3 (a millisecond before its
    // end, in) = 15; 10 (an hour early) and 100 (at the end) are out. u3 has none: NULL.
    LabelResult first = label(join, LabelRange.refresh(Day.parse("2023-04-30")));
    assertThat(first.rowsWritten()).isEqualTo(2);
    List<List<Object>> expected = List.of(row("c5", 15L, "2023-04-30"), row("c6", null, "2023-04-30"));
    assertThat(labeledVersions("lbl_refund_v1_labeled", "label_lbl_refunds_v1_amount_sum_7d")).isEqualTo(expected);

    // Refreshing 2023-04-30 replaces exactly that version, in one commit.
    Table table = labelTable("lbl_refund_v1_labels");
    int snapshots = snapshotCount(table);
    LabelResult again = label(join, LabelRange.refresh(Day.parse("2023-04-30")));
    table.refresh();
    assertThat(snapshotCount(table)).isEqualTo(snapshots + 1);
    Map<String, String> summary = table.currentSnapshot().summary();
    assertThat(summary).containsEntry(TableProperties.RUN_ID, again.runId())
        .containsEntry(TableProperties.ACTION, "label")
        .containsEntry(TableProperties.LABEL_DS, "2023-04-30")
        .containsEntry(TableProperties.DS_RANGE, "2023-04-24..2023-04-24")
        .containsEntry("added-records", "2")
        .containsEntry("deleted-records", "2");
    assertThat(labeledVersions("lbl_refund_v1_labeled", "label_lbl_refunds_v1_amount_sum_7d")).isEqualTo(expected);

    // A range fills only the versions the table lacks: 2023-04-29 labels 2023-04-23 (c7 u1) with
    // [2023-04-23, 2023-04-30): 10 + 5 + 7 = 22.
    LabelJoin labels = new LabelJoin(CATALOG, join);
    LabelPlan plan = labels.plan(LabelRange.fillMissing(Day.parse("2023-04-29"), Day.parse("2023-04-30")));
    assertThat(plan.versions()).extracting(version -> version.labelDs().toString()).containsExactly("2023-04-29");
    assertThat(plan.present()).extracting(Day::toString).containsExactly("2023-04-30");
    labels.run(plan, LabelListener.NONE);
    assertThat(labeledVersions("lbl_refund_v1_labeled_latest", "label_lbl_refunds_v1_amount_sum_7d")).containsExactly(
        row("c5", 15L, "2023-04-30"), row("c6", null, "2023-04-30"), row("c7", 22L, "2023-04-29"));
    assertThat(new LabelJoin(CATALOG, join)
        .plan(LabelRange.fillMissing(Day.parse("2023-04-29"), Day.parse("2023-04-30"))).hasWork())
        .isFalse();
  }

  @Test
  void newLabelColumnsAppearForNewVersionsOnlyAndNeverTouchTheJoinsTable() {
    Loaded<Join> v1 = definition("evolve", REFUNDS, 7, 7);
    backfill(v1);
    label(v1, LabelRange.refresh(Day.parse("2023-04-30")));
    Table output = CATALOG.loadTable(new TableName("lbl", "lbl_evolve_v1")).orElseThrow();
    long outputSnapshot = output.currentSnapshot().snapshotId();

    Loaded<Join> v2 = definition("evolve", REFUNDS + ", " + FRAUD, 7, 7);
    JoinBackfill backfill = new JoinBackfill(CATALOG, v2);
    assertThat(backfill.plan(BackfillRange.all()).hasWork()).isFalse();
    LabelJoin labels = new LabelJoin(CATALOG, v2);
    LabelPlan plan = labels.plan(LabelRange.refresh(Day.parse("2023-05-02")));
    assertThat(plan.tableState()).isEqualTo(LabelPlan.TableState.GAINING_COLUMNS);
    assertThat(plan.decisions()).containsExactly(
        "the label part changed since lbl.lbl_evolve_v1_labels was last written: the versions this run computes get "
            + "the current labels; other versions keep theirs",
        "label column(s) lbl_fraud_v1_is_fraud are added to lbl.lbl_evolve_v1_labels; versions written before have "
            + "NULL in them");
    labels.run(plan, LabelListener.NONE);

    // 2023-05-02 labels 2023-04-26 (c8 u2): refunds of [2023-04-26, 2023-05-03) = 20; fraud on 2023-05-02 = 1.
    assertThat(rows("SELECT checkout_id, label_lbl_refunds_v1_amount_sum_7d, label_lbl_fraud_v1_is_fraud, label_ds "
        + "FROM lbl.lbl_evolve_v1_labeled WHERE label_ds IS NOT NULL ORDER BY checkout_id")).containsExactly(
        row("c5", 15L, null, "2023-04-30"), row("c6", null, null, "2023-04-30"), row("c8", 20L, 1, "2023-05-02"));
    output.refresh();
    assertThat(output.currentSnapshot().snapshotId()).isEqualTo(outputSnapshot);
    assertThat(SemanticHash.stored(1, output.properties().get(TableProperties.SEMANTIC_HASH)).components())
        .doesNotContainKey(SemanticHash.LABEL);
    assertThat(labelTable("lbl_evolve_v1_labels").properties().get(TableProperties.SEMANTIC_HASH))
        .contains("\"label\":\"" + SemanticHash.of(v2.definition()).get(SemanticHash.LABEL) + "\"");
  }

  @Test
  void checksComeBeforeAnyWriteAndNameTheFieldAndTheFix() {
    Loaded<Join> unbuilt = definition("unbuilt", FRAUD, 1, 1);
    assertThatThrownBy(() -> new LabelJoin(CATALOG, unbuilt).plan(LabelRange.refresh(Day.parse("2023-04-30"))))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-404 Cannot label lbl.unbuilt.v1: its table lbl.lbl_unbuilt_v1 does not exist. Fix: run "
            + "`tidemark backfill --conf " + unbuilt.file() + "` first")
        .extracting(e -> ((TidemarkException) e).category()).isEqualTo(ErrorCategory.TABLE_STATE);

    Loaded<Join> checked = definition("checked", FRAUD, 1, 1);
    backfill(checked);
    label(checked, LabelRange.refresh(Day.parse("2023-04-21")));
    Table labels = labelTable("lbl_checked_v1_labels");
    long snapshot = labels.currentSnapshot().snapshotId();

    Loaded<Join> mistyped = definition("checked", FRAUD.replace("\"user_id\": \"user_id\"",
        "\"user_id\": \"CAST(length(user_id) AS BIGINT)\""), 1, 1);
    assertThatThrownBy(() -> new LabelJoin(CATALOG, mistyped).plan(LabelRange.refresh(Day.parse("2023-04-24"))))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-113 " + mistyped.file()
        + ": labelPart.labels[0].groupBy.keyColumns: key "
            + "user_id is bigint in lbl.fraud but user_id is string in lbl.lbl_checked_v1. Fix: make the types equal "
            + "in a select, e.g. \"user_id\": \"CAST(user_id AS STRING)\"");
    Loaded<Join> missing = definition("checked", FRAUD.replace("lbl.fraud", "lbl.no_such_table"), 1, 1);
    assertThatThrownBy(() -> new LabelJoin(CATALOG, missing).plan(LabelRange.refresh(Day.parse("2023-04-24"))))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith("Invalid definition:\n  TM-111 " + missing.file() + ": labelPart.labels[0].groupBy.sources[0]")
        .hasMessageContaining("table lbl.no_such_table does not exist");
    Loaded<Join> unlabeled = join(definitions, "checked.v1", JOIN.formatted("checked", SPEND, ""));
    assertThatThrownBy(() -> new LabelJoin(CATALOG, unlabeled).plan(LabelRange.refresh(Day.parse("2023-04-24"))))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-103 " + unlabeled.file() + ": labelPart: is required to label a join. Fix: "
            + "add \"labelPart\": {\"labels\": [...], \"leftStartOffset\": 7, \"leftEndOffset\": 7} to the join");

    labels.refresh();
    assertThat(labels.currentSnapshot().snapshotId()).isEqualTo(snapshot);
  }

  private static Loaded<Join> definition(String name, String labels, int start, int end) {
    String labelPart = ", \"labelPart\": {\"labels\": [" + labels + "], \"leftStartOffset\": " + start
        + ", \"leftEndOffset\": " + end + "}";
    return join(definitions, name + ".v1", JOIN.formatted(name, SPEND, labelPart));
  }

  private static List<List<Object>> labeled(String view, String column) {
    return rows("SELECT checkout_id, " + column + ", label_ds FROM lbl." + view
        + " ORDER BY checkout_id, label_ds NULLS FIRST");
  }

  private static List<List<Object>> labeledVersions(String view, String column) {
    return rows("SELECT checkout_id, " + column + ", label_ds FROM lbl." + view
        + " WHERE label_ds IS NOT NULL ORDER BY checkout_id, label_ds");
  }

  private static Table labelTable(String name) {
    return CATALOG.loadTable(new TableName("lbl", name)).orElseThrow();
  }

  private static int snapshotCount(Table table) {
    int count = 0;
    for (Snapshot ignored : table.snapshots()) {
      count++;
    }
    return count;
  }

  private static String checkout(String id, String user, String time) {
    return "('" + id + "', '" + user + "', " + millis(time) + ", '" + time.substring(0, 10) + "')";
  }

  private static String refund(String user, long amount, String time) {
    return "('" + user + "', " + amount + ", " + millis(time) + ", '" + time.substring(0, 10) + "')";
  }
}
