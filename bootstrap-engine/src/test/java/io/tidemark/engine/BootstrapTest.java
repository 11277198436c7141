package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.CoverageLedger.PartCoverage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrapped joins over a small dataset whose every expected value is worked out by hand. Two GroupBys over the
 * same purchases, both unwindowed: spend (SUM and MAX of amount) and visits (COUNT of amount).
 *
 * <pre>
 * purchases                          requests (left, row id request_id)      computed without bootstraps
 *   u1 day 1 09:00 amount 10           r1 u1 day 2 12:00                        sum 15, max 10, count 2
 *   u1 day 2 09:00 amount 5            r2 u2 day 2 13:00                        sum 7,  max 7,  count 1
 *   u2 day 1 10:00 amount 7            r3 u1 day 3 08:00                        sum 15, max 10, count 2
 *                                      r4 u2 day 3 09:00                        sum 7,  max 7,  count 1
 * </pre>
 *
 * Days are 2023-11-01 (day 1) to 2023-11-03 (day 3), UTC.
 */
class BootstrapTest {
  static final String DAY2 = "2023-11-02";
  static final String DAY3 = "2023-11-03";
  static final long R1 = millis("2023-11-02T12:00:00Z");
  static final long R2 = millis("2023-11-02T13:00:00Z");
  static final long R3 = millis("2023-11-03T08:00:00Z");
  static final long R4 = millis("2023-11-03T09:00:00Z");

  static final String SUM = "boot_spend_v1_amount_sum";
  static final String MAX = "boot_spend_v1_amount_max";
  static final String COUNT = "boot_visits_v1_amount_count";

  static final String SPEND = """
      {"groupBy": {
        "metaData": {"name": "boot.spend.v1"},
        "sources": [{"events": {"table": "boot.purchases", "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
        "keyColumns": ["user_id"],
        "aggregations": [{"inputColumn": "amount", "operation": "SUM"}, {"inputColumn": "amount", "operation": "MAX"}]}}""";
  static final String VISITS = """
      {"groupBy": {
        "metaData": {"name": "boot.visits.v1"},
        "sources": [{"events": {"table": "boot.purchases", "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
        "keyColumns": ["user_id"],
        "aggregations": [{"inputColumn": "amount", "operation": "COUNT"}]}}""";

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.boot");
    sql("CREATE TABLE lake.boot.purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.boot.purchases VALUES "
        + "('u1', 10, " + millis("2023-11-01T09:00:00Z") + ", '2023-11-01'), "
        + "('u1', 5, " + millis("2023-11-02T09:00:00Z") + ", '2023-11-02'), "
        + "('u2', 7, " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01')");
    sql("CREATE TABLE lake.boot.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.boot.requests VALUES " + requestRows());
  }

  static String requestRows() {
    return "('r1', 'u1', " + R1 + ", '" + DAY2 + "'), ('r2', 'u2', " + R2 + ", '" + DAY2 + "'), "
        + "('r3', 'u1', " + R3 + ", '" + DAY3 + "'), ('r4', 'u2', " + R4 + ", '" + DAY3 + "')";
  }

  /** A join over {@code left} (selects request_id, user_id and ts, plus {@code extraLeftSelects}). */
  static String join(String name, String namespace, String parts, String rest, String extraLeftSelects) {
    return """
        {"metaData": {"name": "%s", "outputNamespace": "%s"},
         "left": {"events": {"table": "boot.requests", "query": {"selects": {"request_id": "request_id",
                  "user_id": "user_id", "ts": "ts"%s}}}},
         "joinParts": [%s],
         "rowIds": ["request_id"]%s}
        """.formatted(name, namespace, extraLeftSelects, parts, rest);
  }

  static Loaded<Join> load(String name, String json) {
    return JoinFixtures.join(definitions, name, json);
  }

  /** request_id, sum, max, count of every output row, by request id. */
  static List<List<Object>> features(String table) {
    return JoinFixtures.rows("SELECT request_id, " + SUM + ", " + MAX + ", " + COUNT + " FROM lake." + table
        + " ORDER BY request_id");
  }

  static CoverageLedger ledger(String namespace, String table) {
    Table written = CATALOG.loadTable(new TableName(namespace, table)).orElseThrow();
    return CoverageLedger.of(written.currentSnapshot()).orElseThrow();
  }

  @Test
  void firstNonNullValueWinsPerColumnAndCoverageDecidesWhatIsComputed() {
    // A legacy table with renamed, converted columns (scenario G) and a second table sharing the count column.
    sql("CREATE TABLE lake.boot.legacy (rid STRING, legacy_sum INT, legacy_count INT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.boot.legacy VALUES ('r1', 100, NULL, '" + DAY2 + "'), ('r2', 200, NULL, '" + DAY2 + "')");
    sql("CREATE TABLE lake.boot.second (request_id STRING, max_amount BIGINT, visits BIGINT, valid BOOLEAN, ds STRING) "
        + "USING iceberg");
    sql("INSERT INTO lake.boot.second VALUES ('r1', 101, 6, true, '" + DAY2 + "'), ('r4', 400, 99, true, '" + DAY3
        + "'), ('r3', 999, 999, false, '" + DAY3 + "')");
    String bootstrapParts = """
        , "bootstrapParts": [
          {"table": "boot.legacy", "query": {"selects": {"request_id": "rid",
             "boot_spend_v1_amount_sum": "CAST(legacy_sum AS BIGINT)", "boot_visits_v1_amount_count": "CAST(legacy_count AS BIGINT)"}}},
          {"table": "boot.second", "query": {"selects": {"request_id": "request_id",
             "boot_spend_v1_amount_max": "max_amount", "boot_visits_v1_amount_count": "visits"}, "wheres": ["valid"]}}
        ]""";
    // The left's own count column beats every bootstrap where it is not NULL (r4 only).
    String leftCount = ", \"boot_visits_v1_amount_count\": \"CASE WHEN request_id = 'r4' THEN CAST(42 AS BIGINT) END\"";
    backfill(load("priority.v1", join("boot.priority.v1", "out_priority", SPEND + ", " + VISITS, bootstrapParts,
        leftCount)));

    assertThat(features("out_priority.boot_priority_v1")).containsExactly(
        // Spend is covered only by the union of both tables (sum from legacy, max from second): not computed. The
        // legacy count is NULL and falls through to second's 6.
        List.of("r1", 100L, 101L, 6L),
        // Spend is partly covered (legacy has the sum only): computed (sum 7, max 7) and coalesced, the bootstrapped
        // 200 first. Visits is covered by legacy, whose NULL count stands.
        Arrays.asList("r2", 200L, 7L, null),
        // Nothing matched: all computed.
        Arrays.asList("r3", 15L, 10L, 2L),
        // Second covers visits; the left's 42 beats its 99. Spend is partly covered: computed sum 7, second's max 400.
        Arrays.asList("r4", 7L, 400L, 42L));
    assertThat(ledger("out_priority", "boot_priority_v1")).isEqualTo(new CoverageLedger(4, Map.of(
        "boot_spend_v1", new PartCoverage(3, Map.of("bootstrapParts[0] boot.legacy", 2L,
            "bootstrapParts[1] boot.second", 2L)),
        "boot_visits_v1", new PartCoverage(1, Map.of("bootstrapParts[0] boot.legacy", 2L,
            "bootstrapParts[1] boot.second", 2L)))));
  }
}
