package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.CoverageLedger.PartCoverage;
import io.tidemark.catalog.TableProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One join taken through Chronon's versioning sequence, checking after every change that the table equals a fresh
 * build of the current definition and that only what changed was recomputed. The data is BootstrapTest's, every
 * value worked out by hand; both GroupBys are unwindowed and SNAPSHOT-accurate (as of the midnight before a request).
 *
 * <pre>
 * purchases                          requests (left, row id request_id)      spend sum, max   visits count
 *   u1 day 1 09:00 amount 10           r1 u1 day 2 12:00                        10, 10           1
 *   u1 day 2 09:00 amount 5            r2 u2 day 2 13:00                         7,  7           1
 *   u2 day 1 10:00 amount 7            r3 u1 day 3 08:00                        15, 10           2 (1 counting only
 *                                      r4 u2 day 3 09:00                         7,  7           1  amounts >= 7)
 * </pre>
 */
class LifecycleTest {
  static final String DAY2 = "2023-11-02";
  static final String DAY3 = "2023-11-03";
  static final String OUTPUT = "life_out";
  static final String TABLE = "life_training";
  static final String SUM = "life_spend_v1_amount_sum";
  static final String MAX = "life_spend_v1_amount_max";
  static final String COUNT = "life_visits_v1_amount_count";
  static final String PREFIXED_COUNT = "p_life_visits_v1_amount_count";
  static final Instant ARCHIVE_TIME = Instant.parse("2026-11-21T10:15:30Z");

  static final String SPEND = """
      {"groupBy": {"metaData": {"name": "life.spend.v1"},
        "sources": [{"events": {"table": "life.purchases", "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
        "keyColumns": ["user_id"],
        "aggregations": [{"inputColumn": "amount", "operation": "SUM"}, {"inputColumn": "amount", "operation": "MAX"}]}}""";
  static final String VISITS = """
      {"groupBy": {"metaData": {"name": "life.visits.v1"},
        "sources": [{"events": {"table": "life.purchases", "query": {"selects": {"user_id": "user_id", "amount": "amount"}%s}}}],
        "keyColumns": ["user_id"],
        "aggregations": [{"inputColumn": "amount", "operation": "COUNT"}]}%s}""";

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.life");
    sql("CREATE TABLE lake.life.purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.life.purchases VALUES "
        + "('u1', 10, " + millis("2023-11-01T09:00:00Z") + ", '2023-11-01'), "
        + "('u1', 5, " + millis("2023-11-02T09:00:00Z") + ", '2023-11-02'), "
        + "('u2', 7, " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01')");
    sql("CREATE TABLE lake.life.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.life.requests VALUES "
        + "('r1', 'u1', " + millis("2023-11-02T12:00:00Z") + ", '" + DAY2 + "'), "
        + "('r2', 'u2', " + millis("2023-11-02T13:00:00Z") + ", '" + DAY2 + "'), "
        + "('r3', 'u1', " + millis("2023-11-03T08:00:00Z") + ", '" + DAY3 + "'), "
        + "('r4', 'u2', " + millis("2023-11-03T09:00:00Z") + ", '" + DAY3 + "')");
    sql("CREATE TABLE lake.life.precomputed (request_id STRING, amount_sum BIGINT, amount_max BIGINT, ds STRING) "
        + "USING iceberg");
    sql("INSERT INTO lake.life.precomputed VALUES ('r1', 100, 100, '" + DAY2 + "'), ('r2', 200, 200, '" + DAY2 + "')");
  }

  @Test
  void aJoinFollowsItsDefinitionThroughTheVersioningSequence() {
    // v1: spend only.
    String run1 = backfill(definition(SPEND, "", "")).runId();
    assertThat(rows(SUM, MAX)).containsExactly(
        List.of("r1", 10L, 10L), List.of("r2", 7L, 7L), List.of("r3", 15L, 10L), List.of("r4", 7L, 7L));
    assertEqualsFreshBuild(SPEND, "", "", 1);
    Table table = table();
    long v1Snapshot = table.currentSnapshot().snapshotId();
    table.manageSnapshots().createTag("v1_training", v1Snapshot).commit();

    // A part is added: only its columns are computed, for the rows already written.
    String parts = SPEND + ", " + VISITS.formatted("", "");
    JoinBackfill addPart = new JoinBackfill(CATALOG, definition(parts, "", ""));
    JoinBackfillPlan plan = addPart.plan(BackfillRange.all());
    assertThat(plan.tableState()).isEqualTo(OutputTableState.EVOLVED);
    assertThat(plan.decisions()).containsExactly("part life_visits_v1 added: its columns are added and filled for "
        + "the rows already written, by rewriting those days");
    assertThat(plan.steps())
        .containsExactly(new PlannedStep(StepKind.RECOMPUTE_COLUMNS, List.of(Day.parse(DAY2), Day.parse(DAY3))));
    String run2 = addPart.run(plan, BackfillListener.NONE).runId();
    assertThat(ledger()).isEqualTo(new CoverageLedger(4, Map.of("life_visits_v1", new PartCoverage(4, Map.of()))));
    assertThat(rows(SUM, MAX, COUNT)).containsExactly(List.of("r1", 10L, 10L, 1L), List.of("r2", 7L, 7L, 1L),
        List.of("r3", 15L, 10L, 2L), List.of("r4", 7L, 7L, 1L));
    assertThat(provenance("r3")).isEqualTo(Map.of(SUM, "computed " + run1, MAX, "computed " + run1,
        COUNT, "computed " + run2));
    assertEqualsFreshBuild(parts, "", "", 2);

    // A part changes (visits counts amounts of 7 and more): only its column is recomputed; r3 drops to 1.
    parts = SPEND + ", " + VISITS.formatted(", \"wheres\": [\"amount >= 7\"]", "");
    plan = plan(definition(parts, "", ""));
    assertThat(plan.decisions()).containsExactly("part life_visits_v1 changed: only its columns are recomputed, by "
        + "rewriting those days (earlier snapshots keep the old values)");
    String run3 = backfill(definition(parts, "", "")).runId();
    assertThat(ledger().parts().keySet()).containsExactly("life_visits_v1");
    assertThat(rows(COUNT)).containsExactly(List.of("r1", 1L), List.of("r2", 1L), List.of("r3", 1L),
        List.of("r4", 1L));
    assertThat(provenance("r3")).isEqualTo(Map.of(SUM, "computed " + run1, MAX, "computed " + run1,
        COUNT, "computed " + run3));
    assertEqualsFreshBuild(parts, "", "", 3);

    // The part gets a prefix: its old column leaves the schema, the new one is filled.
    parts = SPEND + ", " + VISITS.formatted(", \"wheres\": [\"amount >= 7\"]", ", \"prefix\": \"p\"");
    plan = plan(definition(parts, "", ""));
    assertThat(plan.decisions()).containsExactly(
        "part p_life_visits_v1 added: its columns are added and filled for the rows already written, by rewriting "
            + "those days",
        "part life_visits_v1 removed: its columns leave the current schema (earlier snapshots keep them)");
    backfill(definition(parts, "", ""));
    assertThat(CATALOG.spark().table(sqlTable()).columns()).containsExactly("request_id", "user_id", "ts", SUM, MAX,
        PREFIXED_COUNT, "tidemark_provenance", "ds");
    assertThat(rows(PREFIXED_COUNT)).containsExactly(List.of("r1", 1L), List.of("r2", 1L), List.of("r3", 1L),
        List.of("r4", 1L));
    assertThat(provenance("r1")).containsOnlyKeys(SUM, MAX, PREFIXED_COUNT);
    assertEqualsFreshBuild(parts, "", "", 4);

    // A bootstrap part is added for r1: only the row it matches is derived again.
    String bootstrap = ", \"bootstrapParts\": [{\"table\": \"life.precomputed\", \"query\": {\"selects\": {"
        + "\"request_id\": \"request_id\", \"" + SUM + "\": \"amount_sum\", \"" + MAX + "\": \"amount_max\"}, "
        + "\"wheres\": [\"request_id = '%s'\"]}}]";
    backfill(definition(parts, bootstrap.formatted("r1"), ""));
    assertThat(ledger().rows()).isEqualTo(1);
    assertThat(rows(SUM, MAX, PREFIXED_COUNT)).containsExactly(List.of("r1", 100L, 100L, 1L),
        List.of("r2", 7L, 7L, 1L), List.of("r3", 15L, 10L, 1L), List.of("r4", 7L, 7L, 1L));
    assertThat(provenance("r1")).containsEntry(SUM, "bootstrap life.precomputed");
    assertEqualsFreshBuild(parts, bootstrap.formatted("r1"), "", 5);

    // The bootstrap part now matches r2 instead: r1 (supplied before) and r2 (matched now) are derived again.
    plan = plan(definition(parts, bootstrap.formatted("r2"), ""));
    assertThat(plan.decisions()).containsExactly("bootstrap life.precomputed added, changed or removed: the rows "
        + "they match now or supplied before are derived again, by MERGE");
    backfill(definition(parts, bootstrap.formatted("r2"), ""));
    assertThat(ledger().rows()).isEqualTo(2);
    assertThat(rows(SUM, MAX, PREFIXED_COUNT)).containsExactly(List.of("r1", 10L, 10L, 1L),
        List.of("r2", 200L, 200L, 1L), List.of("r3", 15L, 10L, 1L), List.of("r4", 7L, 7L, 1L));
    assertEqualsFreshBuild(parts, bootstrap.formatted("r2"), "", 6);

    // Time travel: the tag and the first snapshot still read v1's rows and columns.
    List<List<Object>> v1Rows = List.of(List.of("r1", 10L, 10L), List.of("r2", 7L, 7L), List.of("r3", 15L, 10L),
        List.of("r4", 7L, 7L));
    assertThat(JoinFixtures.rows("SELECT request_id, " + SUM + ", " + MAX + " FROM " + sqlTable()
        + " VERSION AS OF 'v1_training' ORDER BY request_id")).isEqualTo(v1Rows);
    assertThat(JoinFixtures.rows("SELECT * EXCEPT (tidemark_provenance) FROM " + sqlTable() + " VERSION AS OF "
        + v1Snapshot + " ORDER BY request_id")).isEqualTo(List.of(
        List.of("r1", "u1", millis("2023-11-02T12:00:00Z"), 10L, 10L, DAY2),
        List.of("r2", "u2", millis("2023-11-02T13:00:00Z"), 7L, 7L, DAY2),
        List.of("r3", "u1", millis("2023-11-03T08:00:00Z"), 15L, 10L, DAY3),
        List.of("r4", "u2", millis("2023-11-03T09:00:00Z"), 7L, 7L, DAY3)));

    // The left changes (u1's requests only): the table is archived, still readable, and rebuilt.
    String left = ", \"wheres\": [\"user_id = 'u1'\"]";
    JoinBackfill rebuild = new JoinBackfill(CATALOG, definition(parts, bootstrap.formatted("r2"), left),
        Clock.fixed(ARCHIVE_TIME, ZoneOffset.UTC));
    plan = rebuild.plan(BackfillRange.all());
    assertThat(plan.tableState()).isEqualTo(OutputTableState.REBUILT);
    assertThat(plan.decisions()).containsExactly("the left source changed: life_out.life_training is archived as "
        + "life_out.life_training_archived_20261121101530 (kept and readable) and rebuilt");
    rebuild.run(plan, BackfillListener.NONE);
    assertThat(rows(SUM, MAX, PREFIXED_COUNT)).containsExactly(List.of("r1", 10L, 10L, 1L),
        List.of("r3", 15L, 10L, 1L));
    assertEqualsFreshBuild(parts, bootstrap.formatted("r2"), left, 7);
    String archive = "lake.life_out.life_training_archived_20261121101530";
    assertThat(JoinFixtures.rows("SELECT request_id, " + SUM + " FROM " + archive + " ORDER BY request_id"))
        .containsExactly(List.of("r1", 10L), List.of("r2", 200L), List.of("r3", 15L), List.of("r4", 7L));
    assertThat(JoinFixtures.rows("SELECT count(*) FROM " + archive + " VERSION AS OF 'v1_training'"))
        .containsExactly(List.of(4L));
    Map<String, String> archived = CATALOG.loadTable(new TableName(OUTPUT, TABLE + "_archived_20261121101530"))
        .orElseThrow().properties();
    assertThat(archived).containsEntry(TableProperties.ARCHIVED_FROM, "life_out.life_training")
        .containsEntry(TableProperties.ARCHIVED_AT, "2026-11-21T10:15:30Z")
        .containsEntry(TableProperties.ARCHIVE_REASON, "the left source changed");

    // Nothing changed since: the next run has nothing to do.
    JoinBackfillPlan idle = plan(definition(parts, bootstrap.formatted("r2"), left));
    assertThat(idle.tableState()).isEqualTo(OutputTableState.EXISTING);
    assertThat(idle.hasWork()).isFalse();
  }

  @Test
  void aPartAddedAfterAnotherWasRemovedLeavesTheRemovedColumnOutOfEveryRowsProvenance() {
    String namespace = "life_removed";
    String run1 = backfill(JoinFixtures.join(definitions, "removed1.json",
        joinJson(namespace, SPEND + ", " + VISITS.formatted("", ""), "", ""))).runId();
    // Removing a part changes the schema only: the rows keep naming its column.
    backfill(JoinFixtures.join(definitions, "removed2.json", joinJson(namespace, SPEND, "", "")));
    assertThat(provenance(namespace, "r3")).isEqualTo(Map.of(SUM, "computed " + run1, MAX, "computed " + run1,
        COUNT, "computed " + run1));

    String run3 = backfill(JoinFixtures.join(definitions, "removed3.json",
        joinJson(namespace, SPEND + ", " + VISITS.formatted("", ", \"prefix\": \"p\""), "", ""))).runId();
    assertThat(provenance(namespace, "r3")).isEqualTo(Map.of(SUM, "computed " + run1, MAX, "computed " + run1,
        PREFIXED_COUNT, "computed " + run3));
  }

  @Test
  void aHashOfAnotherAlgorithmVersionStopsTheBackfillUntilTheTableIsRehashed() {
    Loaded<Join> join = JoinFixtures.join(definitions, "guard.json", joinJson("life_guard", SPEND, "", ""));
    backfill(join);
    Table table = CATALOG.loadTable(new TableName("life_guard", TABLE)).orElseThrow();
    table.updateProperties().set(TableProperties.SEMANTIC_HASH_VERSION, "0").commit();
    long snapshots = table.currentSnapshot().snapshotId();

    assertThatThrownBy(() -> plan(join))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-401 Cannot compare " + join.file()
        + " with life_guard.life_training: the table's semantic hash was "
            + "computed by algorithm version 0 and this Tidemark computes version 1, so every part would look "
            + "changed. Fix: if the definition still describes the table, run `tidemark rehash --conf " + join.file()
            + "` to store the new hash without recomputing; otherwise drop or rename the table to rebuild it");
    JoinRehash.run(CATALOG, join);
    JoinBackfillPlan plan = plan(join);
    assertThat(plan.tableState()).isEqualTo(OutputTableState.EXISTING);
    assertThat(plan.hasWork()).isFalse();
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshots);
    assertThat(table.properties()).containsEntry(TableProperties.SEMANTIC_HASH_VERSION, "1");
  }

  static String joinJson(String namespace, String parts, String rest, String leftWheres) {
    return """
        {"metaData": {"name": "life.training", "outputNamespace": "%s"},
         "left": {"events": {"table": "life.requests", "query": {"selects": {"request_id": "request_id",
                  "user_id": "user_id", "ts": "ts"}%s}}},
         "joinParts": [%s],
         "rowIds": ["request_id"]%s}
        """.formatted(namespace, leftWheres, parts, rest);
  }

  static Loaded<Join> definition(String parts, String rest, String leftWheres) {
    return JoinFixtures.join(definitions, "training.json", joinJson(OUTPUT, parts, rest, leftWheres));
  }

  static JoinBackfillPlan plan(Loaded<Join> join) {
    return new JoinBackfill(CATALOG, join).plan(BackfillRange.all());
  }

  static BackfillResult backfill(Loaded<Join> join) {
    return JoinFixtures.backfill(join);
  }

  /** The same definition built from scratch in another namespace has the same columns and rows. */
  static void assertEqualsFreshBuild(String parts, String rest, String leftWheres, int version) {
    String namespace = "life_fresh_" + version;
    backfill(JoinFixtures.join(definitions, "fresh" + version + ".json",
        joinJson(namespace, parts, rest, leftWheres)));
    String fresh = "lake." + namespace + "." + TABLE;
    assertThat(CATALOG.spark().table(sqlTable()).columns()).containsExactly(CATALOG.spark().table(fresh).columns());
    String query = "SELECT * EXCEPT (tidemark_provenance) FROM %s ORDER BY request_id";
    assertThat(JoinFixtures.rows(query.formatted(sqlTable()))).isEqualTo(JoinFixtures.rows(query.formatted(fresh)));
  }

  static String sqlTable() {
    return "lake." + OUTPUT + "." + TABLE;
  }

  static Table table() {
    return CATALOG.loadTable(new TableName(OUTPUT, TABLE)).orElseThrow();
  }

  static CoverageLedger ledger() {
    return CoverageLedger.of(table().currentSnapshot()).orElseThrow();
  }

  /** request_id and the given columns of every row, by request id. */
  static List<List<Object>> rows(String... columns) {
    return JoinFixtures.rows("SELECT request_id, " + String.join(", ", Arrays.asList(columns)) + " FROM "
        + sqlTable() + " ORDER BY request_id");
  }

  static Map<String, String> provenance(String requestId) {
    return provenance(OUTPUT, requestId);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> provenance(String namespace, String requestId) {
    return (Map<String, String>) JoinFixtures.rows("SELECT tidemark_provenance FROM lake." + namespace + "." + TABLE
        + " WHERE request_id = '" + requestId + "'").get(0).get(0);
  }
}
