package io.tidemark.online.jobs.bootstrap;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.sql;
import static io.tidemark.online.jobs.RawLogFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.CoverageLedger.PartCoverage;
import io.tidemark.engine.JoinFixtures;
import io.tidemark.online.jobs.RawLogFixture;
import io.tidemark.online.jobs.flatten.LogFlatten;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A join with {@code bootstrapFromLog} over a log flattened from raw files, whose logged values differ from what the
 * engine computes, so the output shows which were used. Logging schema version 1 had spend's sum and visits' count;
 * version 2 added spend's last two amounts.
 *
 * <pre>
 * purchases                   requests (row id request_id)   computed            logged
 *   u1 day 1 09:00 amount 10    r1 u1 day 2 12:00              10, [10], 1         v1: sum 100, count 11
 *   u1 day 2 09:00 amount 5     r2 u2 day 2 13:00              7, [7], 1           -
 *   u2 day 1 10:00 amount 7     r3 u1 day 3 08:00              15, [5, 10], 2      v2: 150, [55, 100], 22
 *                               r4 u2 day 3 09:00              7, [7], 1           -
 * </pre>
 *
 * Days are 2023-11-01 to 2023-11-03, UTC; features are as of the midnight before the request (SNAPSHOT).
 */
class LogBootstrapTest {
  static final String DAY2 = "2023-11-02";
  static final String DAY3 = "2023-11-03";
  static final long R1 = millis("2023-11-02T12:00:00Z");
  static final long R3 = millis("2023-11-03T08:00:00Z");
  static final String SUM = "olog_spend_v1_amount_sum";
  static final String LAST2 = "olog_spend_v1_amount_last2";
  static final String COUNT = "olog_visits_v1_amount_count";
  static final String KEYS = "[{\"name\":\"user_id\",\"type\":\"string\"},{\"name\":\"request_id\",\"type\":\"string\"}]";

  @TempDir
  Path definitions;

  @TempDir
  Path online;

  @Test
  void loggedValuesAreStitchedAndARowLoggedBeforeAFeatureExistedGetsItComputed() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.olog");
    sql("CREATE TABLE lake.olog.purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.olog.purchases VALUES ('u1', 10, " + millis("2023-11-01T09:00:00Z") + ", '2023-11-01'), "
        + "('u1', 5, " + millis("2023-11-02T09:00:00Z") + ", '2023-11-02'), "
        + "('u2', 7, " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01')");
    sql("CREATE TABLE lake.olog.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.olog.requests VALUES ('r1', 'u1', " + R1 + ", '" + DAY2 + "'), ('r2', 'u2', "
        + millis("2023-11-02T13:00:00Z") + ", '" + DAY2 + "'), ('r3', 'u1', " + R3 + ", '" + DAY3 + "'), "
        + "('r4', 'u2', " + millis("2023-11-03T09:00:00Z") + ", '" + DAY3 + "')");
    RawLogFixture log = new RawLogFixture(online, "olog.training.v2");
    log.schema("1111111111111111", KEYS, "[{\"name\":\"" + SUM + "\",\"type\":\"bigint\"},{\"name\":\"" + COUNT
        + "\",\"type\":\"bigint\"}]", 1000);
    log.schema("2222222222222222", KEYS, "[{\"name\":\"" + SUM + "\",\"type\":\"bigint\"},{\"name\":\"" + LAST2
        + "\",\"type\":\"array<bigint>\"},{\"name\":\"" + COUNT + "\",\"type\":\"bigint\"}]", 2000);
    log.append(DAY2, "s1.jsonl", record("1111111111111111", R1, "{\"user_id\":\"u1\",\"request_id\":\"r1\"}",
        "{\"" + SUM + "\":100,\"" + COUNT + "\":11}"));
    log.append(DAY3, "s2.jsonl", record("2222222222222222", R3, "{\"user_id\":\"u1\",\"request_id\":\"r3\"}",
        "{\"" + SUM + "\":150,\"" + LAST2 + "\":[55,100],\"" + COUNT + "\":22}"));
    Loaded<Join> join = JoinFixtures.join(definitions, "training.v2", """
        {"metaData": {"name": "olog.training.v2", "outputNamespace": "olog"},
         "left": {"events": {"table": "olog.requests", "query": {"selects": {"request_id": "request_id",
                  "user_id": "user_id", "ts": "ts"}}}},
         "joinParts": [
           {"groupBy": {"metaData": {"name": "olog.spend.v1"},
             "sources": [{"events": {"table": "olog.purchases", "query": {"selects": {"user_id": "user_id",
               "amount": "amount"}}}}],
             "keyColumns": ["user_id"],
             "aggregations": [{"inputColumn": "amount", "operation": "SUM"},
                              {"inputColumn": "amount", "operation": "LAST_K", "argMap": {"k": "2"}}]}},
           {"groupBy": {"metaData": {"name": "olog.visits.v1"},
             "sources": [{"events": {"table": "olog.purchases", "query": {"selects": {"user_id": "user_id",
               "amount": "amount"}}}}],
             "keyColumns": ["user_id"],
             "aggregations": [{"inputColumn": "amount", "operation": "COUNT"}]}}],
         "rowIds": ["request_id"],
         "bootstrapFromLog": true}
        """);
    LogFlatten flatten = new LogFlatten(CATALOG, join.definition(), online);
    flatten.run(flatten.plan(Optional.empty()), line -> { });

    JoinFixtures.backfill(join);

    assertThat(JoinFixtures.rows("SELECT request_id, " + SUM + ", " + LAST2 + ", " + COUNT
        + " FROM lake.olog.olog_training_v2 ORDER BY request_id")).containsExactly(
        List.of("r1", 100L, List.of(10L), 11L),
        List.of("r2", 7L, List.of(7L), 1L),
        List.of("r3", 150L, List.of(55L, 100L), 22L),
        List.of("r4", 7L, List.of(7L), 1L));
    String logLabel = "log olog.olog_training_v2_logged";
    var table = CATALOG.loadTable(new TableName("olog", "olog_training_v2")).orElseThrow();
    assertThat(CoverageLedger.of(table.currentSnapshot()).orElseThrow()).isEqualTo(new CoverageLedger(4, Map.of(
        "olog_spend_v1", new PartCoverage(3, Map.of(logLabel, 2L)),
        "olog_visits_v1", new PartCoverage(2, Map.of(logLabel, 2L)))));
    assertThat(JoinFixtures.rows("SELECT request_id, tidemark_provenance['" + SUM + "'], tidemark_provenance['"
        + COUNT + "'] FROM lake.olog.olog_training_v2 WHERE request_id IN ('r1', 'r3') ORDER BY request_id"))
        .containsExactly(List.of("r1", logLabel, logLabel), List.of("r3", logLabel, logLabel));
  }
}
