package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.CoverageLedger.PartCoverage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrapped joins over a small dataset whose every expected value is worked out by hand. Two GroupBys over the
 * same purchases, both unwindowed and SNAPSHOT-accurate (as of the midnight before the request): spend (SUM and MAX
 * of amount) and visits (COUNT of amount).
 *
 * <pre>
 * purchases                          requests (left, row id request_id)      computed without bootstraps
 *   u1 day 1 09:00 amount 10           r1 u1 day 2 12:00                        sum 10, max 10, count 1
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
    String run = backfill(load("priority.v1", join("boot.priority.v1", "out_priority", SPEND + ", " + VISITS,
        bootstrapParts, leftCount))).runId();

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
        "boot_spend_v1", new PartCoverage(3, Map.of("bootstrap boot.legacy", 2L,
            "bootstrap boot.second", 2L)),
        "boot_visits_v1", new PartCoverage(1, Map.of("bootstrap boot.legacy", 2L,
            "bootstrap boot.second", 2L)))));
    String computed = "computed " + run;
    assertThat(provenance("out_priority.boot_priority_v1")).containsExactly(
        List.of("r1", Map.of(SUM, "bootstrap boot.legacy", MAX, "bootstrap boot.second",
            COUNT, "bootstrap boot.second")),
        // The covered visits keep legacy's NULL: legacy, the first matching source, supplied it.
        List.of("r2", Map.of(SUM, "bootstrap boot.legacy", MAX, computed, COUNT, "bootstrap boot.legacy")),
        List.of("r3", Map.of(SUM, computed, MAX, computed, COUNT, computed)),
        List.of("r4", Map.of(SUM, computed, MAX, "bootstrap boot.second", COUNT, "left")));
  }

  /** request_id and provenance of every output row, by request id. */
  static List<List<Object>> provenance(String table) {
    return JoinFixtures.rows("SELECT request_id, tidemark_provenance FROM lake." + table + " ORDER BY request_id");
  }

  @Test
  void aNewVersionBootstrapsTheOldVersionsOutputAndComputesOnlyItsNewPart() {
    // Scenario C: v1 has spend; v2 adds visits and reuses v1's table as it is (every column; the output columns it
    // has are taken). Scenario E: another join reuses only the max column of v1.
    backfill(load("reuse.v1", join("boot.reuse.v1", "out_reuse", SPEND, "", "")));
    // Marks v1's values, so that values taken from v1 can be told apart from recomputed ones.
    sql("UPDATE lake.out_reuse.boot_reuse_v1 SET " + SUM + " = " + SUM + " + 1000, " + MAX + " = " + MAX + " + 1000");
    String fromV1 = ", \"bootstrapParts\": [{\"table\": \"out_reuse.boot_reuse_v1\"}]";
    String v2Run = backfill(load("reuse.v2", join("boot.reuse.v2", "out_reuse", SPEND + ", " + VISITS, fromV1, "")))
        .runId();
    String maxFromV1 = ", \"bootstrapParts\": [{\"table\": \"out_reuse.boot_reuse_v1\", \"query\": {\"selects\": "
        + "{\"request_id\": \"request_id\", \"" + MAX + "\": \"" + MAX + "\"}}}]";
    backfill(load("reuse.e", join("boot.reuse.e", "out_reuse", SPEND, maxFromV1, "")));

    assertThat(features("out_reuse.boot_reuse_v2")).containsExactly(
        List.of("r1", 1010L, 1010L, 1L), List.of("r2", 1007L, 1007L, 1L),
        List.of("r3", 1015L, 1010L, 2L), List.of("r4", 1007L, 1007L, 1L));
    assertThat(ledger("out_reuse", "boot_reuse_v2")).isEqualTo(new CoverageLedger(4, Map.of(
        "boot_spend_v1", new PartCoverage(0, Map.of("bootstrap out_reuse.boot_reuse_v1", 4L)),
        "boot_visits_v1", new PartCoverage(4, Map.of()))));
    // Spend came from v1 on every row, visits were computed on every row.
    Map<String, String> v2Provenance = Map.of(SUM, "bootstrap out_reuse.boot_reuse_v1",
        MAX, "bootstrap out_reuse.boot_reuse_v1", COUNT, "computed " + v2Run);
    assertThat(provenance("out_reuse.boot_reuse_v2")).containsExactly(List.of("r1", v2Provenance),
        List.of("r2", v2Provenance), List.of("r3", v2Provenance), List.of("r4", v2Provenance));
    // Only the max is reused, so spend is computed for every row (sum as computed) and the max taken from v1.
    assertThat(JoinFixtures.rows("SELECT request_id, " + SUM + ", " + MAX + " FROM lake.out_reuse.boot_reuse_e "
        + "ORDER BY request_id")).containsExactly(
        List.of("r1", 10L, 1010L), List.of("r2", 7L, 1007L), List.of("r3", 15L, 1010L), List.of("r4", 7L, 1007L));
  }

  @Test
  void oneSourceSuppliesTheRowsItMatchesWhetherItMatchesAllSomeOrNone() {
    // full_spend covers spend on every row, r2 with a NULL sum that stands; half_spend covers r1 (a NULL sum) and r3;
    // no_match matches no row at all.
    sql("CREATE TABLE lake.boot.full_spend (request_id STRING, " + SUM + " BIGINT, " + MAX + " BIGINT, ds STRING) "
        + "USING iceberg");
    sql("INSERT INTO lake.boot.full_spend VALUES ('r1', 1, 2, '" + DAY2 + "'), ('r2', NULL, 3, '" + DAY2 + "'), "
        + "('r3', 4, 5, '" + DAY3 + "'), ('r4', 6, 7, '" + DAY3 + "')");
    sql("CREATE TABLE lake.boot.half_spend (request_id STRING, " + SUM + " BIGINT, " + MAX + " BIGINT, ds STRING) "
        + "USING iceberg");
    sql("INSERT INTO lake.boot.half_spend VALUES ('r1', NULL, 2, '" + DAY2 + "'), ('r3', 4, 5, '" + DAY3 + "')");
    sql("CREATE TABLE lake.boot.no_match (request_id STRING, " + SUM + " BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.boot.no_match VALUES ('zz', 99, '" + DAY2 + "')");
    String full = backfill(load("alike.full", join("boot.alike_full.v1", "out_alike", SPEND + ", " + VISITS,
        ", \"bootstrapParts\": [{\"table\": \"boot.full_spend\"}]", ""))).runId();
    String half = backfill(load("alike.half", join("boot.alike_half.v1", "out_alike", SPEND + ", " + VISITS,
        ", \"bootstrapParts\": [{\"table\": \"boot.half_spend\"}]", ""))).runId();
    String none = backfill(load("alike.none", join("boot.alike_none.v1", "out_alike", SPEND + ", " + VISITS,
        ", \"bootstrapParts\": [{\"table\": \"boot.no_match\"}]", ""))).runId();

    // Visits as computed in the other cases: r1 1, r2 1, r3 2, r4 1.
    assertThat(features("out_alike.boot_alike_full_v1")).containsExactly(List.of("r1", 1L, 2L, 1L),
        Arrays.asList("r2", null, 3L, 1L), List.of("r3", 4L, 5L, 2L), List.of("r4", 6L, 7L, 1L));
    Map<String, String> fromTable = Map.of(SUM, "bootstrap boot.full_spend", MAX, "bootstrap boot.full_spend",
        COUNT, "computed " + full);
    assertThat(provenance("out_alike.boot_alike_full_v1")).containsExactly(List.of("r1", fromTable),
        List.of("r2", fromTable), List.of("r3", fromTable), List.of("r4", fromTable));
    // r2 and r4 are computed: spend 7 and 7, as without bootstraps.
    assertThat(features("out_alike.boot_alike_half_v1")).containsExactly(Arrays.asList("r1", null, 2L, 1L),
        List.of("r2", 7L, 7L, 1L), List.of("r3", 4L, 5L, 2L), List.of("r4", 7L, 7L, 1L));
    Map<String, String> matched = Map.of(SUM, "bootstrap boot.half_spend", MAX, "bootstrap boot.half_spend",
        COUNT, "computed " + half);
    Map<String, String> unmatched = Map.of(SUM, "computed " + half, MAX, "computed " + half, COUNT, "computed " + half);
    assertThat(provenance("out_alike.boot_alike_half_v1")).containsExactly(List.of("r1", matched),
        List.of("r2", unmatched), List.of("r3", matched), List.of("r4", unmatched));
    assertThat(features("out_alike.boot_alike_none_v1")).containsExactly(List.of("r1", 10L, 10L, 1L),
        List.of("r2", 7L, 7L, 1L), List.of("r3", 15L, 10L, 2L), List.of("r4", 7L, 7L, 1L));
    Map<String, String> computed = Map.of(SUM, "computed " + none, MAX, "computed " + none, COUNT, "computed " + none);
    assertThat(provenance("out_alike.boot_alike_none_v1")).containsExactly(List.of("r1", computed),
        List.of("r2", computed), List.of("r3", computed), List.of("r4", computed));
  }

  @Test
  void eventsFarMoreThanTheRowsToComputeAreCutToTheKeysOfEveryRowLeftToCompute() {
    // Ninety clicks on day 1, thirty per user, each user's amounts alike (u1 1, u2 2, u3 3): at least ten times the
    // rows each part computes, so each reads only the clicks of its rows' keys. Fixes cover taps for u1's requests
    // (r1, r3) only: taps computes u2's rows, counts computes every row.
    sql("CREATE TABLE lake.boot.clicks (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    List<String> clicks = new ArrayList<>();
    for (int user = 1; user <= 3; user++) {
      for (int minute = 0; minute < 30; minute++) {
        clicks.add("('u" + user + "', " + user + ", " + (millis("2023-11-01T08:00:00Z") + minute * 60_000L)
            + ", '2023-11-01')");
      }
    }
    sql("INSERT INTO lake.boot.clicks VALUES " + String.join(", ", clicks));
    sql("CREATE TABLE lake.boot.tap_fixes (request_id STRING, boot_taps_v1_amount_sum BIGINT, ds STRING) "
        + "USING iceberg");
    sql("INSERT INTO lake.boot.tap_fixes VALUES ('r1', 1000, '" + DAY2 + "'), ('r3', 3000, '" + DAY3 + "')");
    String taps = """
        {"groupBy": {"metaData": {"name": "boot.taps.v1"},
          "sources": [{"events": {"table": "boot.clicks", "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
          "keyColumns": ["user_id"],
          "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}""";
    String counts = taps.replace("boot.taps.v1", "boot.tap_counts.v1").replace("SUM", "COUNT");
    backfill(load("taps.v1", join("boot.taps_fixed.v1", "out_taps", taps + ", " + counts,
        ", \"bootstrapParts\": [{\"table\": \"boot.tap_fixes\"}]", "")));

    // u2's sum is 30 clicks of 2; each user has 30 clicks.
    assertThat(JoinFixtures.rows("SELECT request_id, boot_taps_v1_amount_sum, boot_tap_counts_v1_amount_count "
        + "FROM lake.out_taps.boot_taps_fixed_v1 ORDER BY request_id")).containsExactly(
        List.of("r1", 1000L, 30L), List.of("r2", 60L, 30L), List.of("r3", 3000L, 30L), List.of("r4", 60L, 30L));
    assertThat(ledger("out_taps", "boot_taps_fixed_v1")).isEqualTo(new CoverageLedger(4, Map.of(
        "boot_taps_v1", new PartCoverage(2, Map.of("bootstrap boot.tap_fixes", 2L)),
        "boot_tap_counts_v1", new PartCoverage(4, Map.of()))));
  }

  @Test
  void aLookupPartlyCoveredKeepsTheCoveredRowsValuesNullsIncluded() {
    // A left row on day D looks up the snapshot of the day before: r1 and r2 day 1's, r3 and r4 day 2's.
    sql("CREATE TABLE lake.boot.tiers (user_id STRING, tier STRING, ds STRING) USING iceberg");
    sql("INSERT INTO lake.boot.tiers VALUES ('u1', 'gold', '2023-11-01'), ('u2', 'silver', '2023-11-01'), "
        + "('u1', 'platinum', '" + DAY2 + "'), ('u2', 'bronze', '" + DAY2 + "')");
    sql("CREATE TABLE lake.boot.tier_fixes (request_id STRING, boot_tiers_v1_tier STRING, ds STRING) USING iceberg");
    sql("INSERT INTO lake.boot.tier_fixes VALUES ('r1', NULL, '" + DAY2 + "'), ('r3', 'custom', '" + DAY3 + "')");
    String tiers = """
        {"groupBy": {"metaData": {"name": "boot.tiers.v1"},
          "sources": [{"entities": {"snapshotTable": "boot.tiers",
                                    "query": {"selects": {"user_id": "user_id", "tier": "tier"}}}}],
          "keyColumns": ["user_id"]}}""";
    backfill(load("tiers.v1", join("boot.tiers_fixed.v1", "out_tiers", tiers,
        ", \"bootstrapParts\": [{\"table\": \"boot.tier_fixes\"}]", "")));

    assertThat(JoinFixtures.rows("SELECT request_id, boot_tiers_v1_tier FROM lake.out_tiers.boot_tiers_fixed_v1 "
        + "ORDER BY request_id")).containsExactly(
        // r1 is covered, by a NULL that stands (its lookup would say gold); r3's fix replaces platinum.
        Arrays.asList("r1", null), List.of("r2", "silver"), List.of("r3", "custom"), List.of("r4", "bronze"));
  }

  @Test
  void externalPartsGetValuesOnlyFromBootstraps() {
    // Scenario F: a custom table backfills an external source and a contextual field for day 2 only.
    sql("CREATE TABLE lake.boot.external_backfill (request_id STRING, country STRING, context STRING, ds STRING) "
        + "USING iceberg");
    sql("INSERT INTO lake.boot.external_backfill VALUES ('r1', 'NL', 'web', '" + DAY2 + "'), "
        + "('r2', 'FR', 'app', '" + DAY2 + "'), ('r3', 'DE', 'web', '" + DAY3 + "')");
    String external = """
        , "onlineExternalParts": [
            {"source": {"metadata": {"name": "service_user"},
                        "keySchema": {"kind": 13, "params": [{"name": "user_id", "dataType": {"kind": 7}}]},
                        "valueSchema": {"kind": 13, "params": [{"name": "country", "dataType": {"kind": 7}}]}}},
            {"source": {"metadata": {"name": "contextual"},
                        "keySchema": {"kind": 13, "params": [{"name": "request_context", "dataType": {"kind": 7}}]},
                        "valueSchema": {"kind": 13, "params": [{"name": "request_context", "dataType": {"kind": 7}}]}}}],
          "bootstrapParts": [{"table": "boot.external_backfill",
                              "query": {"selects": {"request_id": "request_id", "ext_service_user_country": "country",
                                                    "ext_contextual_request_context": "context"},
                                        "startPartition": "2023-11-02", "endPartition": "2023-11-02"}}]""";
    String computed = "computed " + backfill(load("external.v1", join("boot.external.v1", "out_external", SPEND,
        external, ""))).runId();

    assertThat(JoinFixtures.rows("SELECT * EXCEPT (tidemark_provenance) FROM lake.out_external.boot_external_v1 "
        + "ORDER BY request_id"))
        .containsExactly(
            List.of("r1", "u1", R1, 10L, 10L, "NL", "web", DAY2),
            List.of("r2", "u2", R2, 7L, 7L, "FR", "app", DAY2),
            // r3's row in the table is outside the part's partitions: NULL, like r4 which has none.
            Arrays.asList("r3", "u1", R3, 15L, 10L, null, null, DAY3),
            Arrays.asList("r4", "u2", R4, 7L, 7L, null, null, DAY3));
    assertThat(CATALOG.spark().table("lake.out_external.boot_external_v1").columns()).containsExactly("request_id",
        "user_id", "ts", SUM, MAX, "ext_service_user_country", "ext_contextual_request_context",
        "tidemark_provenance", "ds");
    // External columns nothing supplied have no entry.
    String supplier = "bootstrap boot.external_backfill";
    assertThat(provenance("out_external.boot_external_v1")).containsExactly(
        List.of("r1", Map.of(SUM, computed, MAX, computed, "ext_service_user_country", supplier,
            "ext_contextual_request_context", supplier)),
        List.of("r2", Map.of(SUM, computed, MAX, computed, "ext_service_user_country", supplier,
            "ext_contextual_request_context", supplier)),
        List.of("r3", Map.of(SUM, computed, MAX, computed)),
        List.of("r4", Map.of(SUM, computed, MAX, computed)));
  }

  @Test
  void logBasedRefreshStitchesLoggedFeaturesAndComputesTheRest() {
    // Scenario B: logging started on day 3, for a join that then had spend only. The driver is the logged rows of
    // day 3 and up, plus the rows before logging; v2 adds visits. r3 was logged twice: the later row counts.
    sql("CREATE TABLE lake.out_logged.boot_logged_v1_logged (request_id STRING, user_id STRING, ts BIGINT, "
        + SUM + " BIGINT, " + MAX + " BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.out_logged.boot_logged_v1_logged VALUES "
        + "('r3', 'u1', " + R3 + ", 1, 1, '" + DAY3 + "'), ('r3', 'u1', " + (R3 + 5) + ", 115, 110, '" + DAY3 + "'), "
        + "('r4', 'u2', " + R4 + ", 107, 107, '" + DAY3 + "')");
    sql("CREATE TABLE lake.boot.drivers (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.boot.drivers "
        + "SELECT request_id, user_id, min(ts), ds FROM lake.out_logged.boot_logged_v1_logged WHERE ds >= '" + DAY3
        + "' GROUP BY request_id, user_id, ds "
        + "UNION ALL SELECT request_id, user_id, ts, ds FROM lake.boot.requests WHERE ds < '" + DAY3 + "'");
    String json = join("boot.logged.v1", "out_logged", SPEND + ", " + VISITS, ", \"bootstrapFromLog\": true", "")
        .replace("boot.requests", "boot.drivers");
    backfill(load("logged.v1", json));

    assertThat(features("out_logged.boot_logged_v1")).containsExactly(
        List.of("r1", 10L, 10L, 1L), List.of("r2", 7L, 7L, 1L),
        List.of("r3", 115L, 110L, 2L), List.of("r4", 107L, 107L, 1L));
    Table table = CATALOG.loadTable(new TableName("out_logged", "boot_logged_v1")).orElseThrow();
    assertThat(CoverageLedger.of(table.currentSnapshot()).orElseThrow().parts().get("boot_spend_v1"))
        .isEqualTo(new PartCoverage(2, Map.of("log out_logged.boot_logged_v1_logged", 2L)));
  }

  @Test
  void aJoinWhoseLogTableDoesNotExistYetComputesEveryRowAndSaysSo() {
    // Served from its first day: nothing has been flattened into out_unlogged.boot_unlogged_v1_logged yet.
    Loaded<Join> join = load("unlogged.v1", join("boot.unlogged.v1", "out_unlogged", SPEND,
        ", \"bootstrapFromLog\": true", ""));

    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    JoinBackfillPlan plan = backfill.plan(BackfillRange.all());
    backfill.run(plan, BackfillListener.NONE);

    assertThat(plan.summary().details()).containsExactly(
        "boot.spend.v1: 2 column(s), SNAPSHOT aggregations of events",
        "bootstrap from log out_unlogged.boot_unlogged_v1_logged: nothing logged yet (no such table), so every row "
            + "is computed");
    // u1 bought 10 on day 1 and 5 on day 2, u2 7 on day 1: sums and maxima as of each request's day.
    assertThat(JoinFixtures.rows("SELECT request_id, " + SUM + ", " + MAX + " FROM lake.out_unlogged.boot_unlogged_v1 "
        + "ORDER BY request_id")).containsExactly(
        List.of("r1", 10L, 10L), List.of("r2", 7L, 7L), List.of("r3", 15L, 10L), List.of("r4", 7L, 7L));
    assertThat(ledger("out_unlogged", "boot_unlogged_v1").parts().get("boot_spend_v1"))
        .isEqualTo(new PartCoverage(4, Map.of()));
    assertThat(CATALOG.tableExists(new TableName("out_unlogged", "boot_unlogged_v1_logged"))).isFalse();
  }

  @Test
  void aOneOffTableOverridesBrokenLoggedValuesForOneDay() {
    // Scenario H: on day 2 the logged sums were broken; a one-off table fixes them, and comes first.
    sql("CREATE TABLE lake.out_fixed.boot_fixed_v1_logged (request_id STRING, ts BIGINT, " + SUM + " BIGINT, "
        + MAX + " BIGINT, " + COUNT + " BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.out_fixed.boot_fixed_v1_logged VALUES "
        + "('r1', " + R1 + ", -1, 10, 1, '" + DAY2 + "'), ('r2', " + R2 + ", -1, 7, 1, '" + DAY2 + "'), "
        + "('r3', " + R3 + ", 15, 10, 2, '" + DAY3 + "'), ('r4', " + R4 + ", 7, 7, 1, '" + DAY3 + "')");
    sql("CREATE TABLE lake.boot.fixed_sums (request_id STRING, fixed_sum BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.boot.fixed_sums VALUES ('r1', 10, '" + DAY2 + "'), ('r2', 7, '" + DAY2 + "')");
    String parts = ", \"bootstrapParts\": [{\"table\": \"boot.fixed_sums\", \"query\": {\"selects\": {"
        + "\"request_id\": \"request_id\", \"" + SUM + "\": \"fixed_sum\"}}}], \"bootstrapFromLog\": true";
    // The purchases table is swapped for an empty one: every value must come from the bootstraps.
    sql("CREATE TABLE lake.boot.no_purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg");
    String json = join("boot.fixed.v1", "out_fixed", SPEND + ", " + VISITS, parts, "")
        .replace("boot.purchases", "boot.no_purchases");
    backfill(load("fixed.v1", json));

    assertThat(features("out_fixed.boot_fixed_v1")).containsExactly(
        List.of("r1", 10L, 10L, 1L), List.of("r2", 7L, 7L, 1L), List.of("r3", 15L, 10L, 2L), List.of("r4", 7L, 7L, 1L));
    assertThat(ledger("out_fixed", "boot_fixed_v1")).isEqualTo(new CoverageLedger(4, Map.of(
        "boot_spend_v1", new PartCoverage(0, Map.of("bootstrap boot.fixed_sums", 2L,
            "log out_fixed.boot_fixed_v1_logged", 4L)),
        "boot_visits_v1", new PartCoverage(0, Map.of("log out_fixed.boot_fixed_v1_logged", 4L)))));
  }

  @Test
  void laterStepsMergeIntoTheTableAndDaysWithoutRowsAreNotRetried() {
    sql("CREATE TABLE lake.boot.requests_filtered (request_id STRING, user_id STRING, ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.boot.requests_filtered VALUES " + requestRows() + ", ('test', 'u1', "
        + millis("2023-11-04T08:00:00Z") + ", '2023-11-04')");
    // Day 4 has one row, which the left's where filters out.
    Loaded<Join> merged = load("merged.v1", join("boot.merged.v1", "out_merged", SPEND, "", "")
        .replace("\"table\": \"boot.requests\", \"query\": {", "\"table\": \"boot.requests_filtered\", "
            + "\"query\": {\"wheres\": [\"request_id <> 'test'\"], "));
    JoinBackfill first = new JoinBackfill(CATALOG, merged);
    first.run(first.plan(new BackfillRange(Optional.empty(), day(DAY2), 30)), BackfillListener.NONE);
    JoinBackfill second = new JoinBackfill(CATALOG, merged);
    BackfillResult result = second.run(second.plan(BackfillRange.all()), BackfillListener.NONE);

    assertThat(result.rowsWritten()).isEqualTo(2);
    assertThat(result.emptyPartitions()).extracting(Day::toString).containsExactly("2023-11-04");
    Table table = CATALOG.loadTable(new TableName("out_merged", "boot_merged_v1")).orElseThrow();
    List<String> operations = new ArrayList<>();
    table.snapshots().forEach(snapshot -> operations.add(snapshot.operation()));
    // The first step creates the table with its rows; the second merges into it, and a merge that only inserts
    // commits as an append.
    assertThat(operations).containsExactly("append", "append");
    assertThat(table.currentSnapshot().summary()).containsEntry("tidemark.run-id", result.runId())
        .containsEntry("tidemark.ds-range", DAY3 + ".." + DAY3);
    assertThat(table.properties()).containsEntry("tidemark.empty-partitions", "2023-11-04");
    assertThat(JoinFixtures.rows("SELECT request_id, " + SUM + ", " + MAX + " FROM lake.out_merged.boot_merged_v1 "
        + "ORDER BY request_id")).containsExactly(
        List.of("r1", 10L, 10L), List.of("r2", 7L, 7L), List.of("r3", 15L, 10L), List.of("r4", 7L, 7L));

    JoinBackfillPlan third = new JoinBackfill(CATALOG, merged).plan(BackfillRange.all());
    assertThat(third.hasWork()).isFalse();
  }

  @Test
  void everyBootstrapProblemIsReportedAtOnceBeforeAnyWrite() {
    sql("CREATE TABLE lake.boot.typed (request_id STRING, sum_text STRING, ds STRING) USING iceberg");
    // The left reads every column of boot.requests (request_id, user_id, ts, ds): it has no event_id.
    String json = """
        {"metaData": {"name": "boot.invalid.v1", "outputNamespace": "out_invalid"},
         "left": {"events": {"table": "boot.requests"}},
         "joinParts": [%s],
         "rowIds": ["event_id"],
         "bootstrapParts": [
           {"table": "boot.nowhere"},
           {"table": "boot.typed", "keyColumns": ["request_id"],
            "query": {"selects": {"request_id": "request_id", "boot_spend_v1_amount_sum": "sum_text",
                                  "spend_total": "sum_text"}}},
           {"table": "boot.typed", "keyColumns": ["session_id"]}],
         "bootstrapFromLog": true}
        """.formatted(SPEND);
    Loaded<Join> join = load("invalid.v1", json);

    assertThatThrownBy(() -> new JoinBackfill(CATALOG, join).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definitions (6 problems):\n"
            + "  TM-112 " + join.file()
            + ": rowIds: event_id is not a column of the left source boot.requests. Fix: select "
            + "event_id on the left, or name the columns that identify a left row in rowIds\n"
            + "  TM-111 " + join.file() + ": bootstrapParts[0].table: table boot.nowhere does not exist in the "
            + CATALOG.config().describe() + ". Fix: load it with: tidemark import --table boot.nowhere --file "
            + "<csv|jsonl|parquet file>, or correct the name\n"
            + "  TM-113 " + join.file() + ": bootstrapParts[1].query.selects.boot_spend_v1_amount_sum: "
            + "boot_spend_v1_amount_sum is string in boot.typed but the join's output column is bigint. Fix: convert "
            + "it in bootstrapParts[1].query.selects, e.g. \"boot_spend_v1_amount_sum\": "
            + "\"CAST(boot_spend_v1_amount_sum AS BIGINT)\"\n"
            + "  TM-112 " + join.file()
            + ": bootstrapParts[1].query.selects.spend_total: spend_total is not an output column "
            + "of the join. Fix: select it under the name of the output column it provides (output columns: "
            + "boot_spend_v1_amount_sum, boot_spend_v1_amount_max), or leave it out\n"
            + "  TM-112 " + join.file()
            + ": bootstrapParts[2].keyColumns: key session_id is not a column of boot.typed. "
            + "Fix: select session_id in bootstrapParts[2].query, or match on other columns with keyColumns\n"
            + "  TM-112 " + join.file()
            + ": bootstrapParts[2].keyColumns: key session_id is not a column of the left source "
            + "boot.requests. Fix: select session_id on the left, or match boot.typed on other columns with "
            + "keyColumns");
    assertThat(CATALOG.tableExists(new TableName("out_invalid", "boot_invalid_v1"))).isFalse();
  }

  @Test
  void duplicateRowIdsOnTheLeftOrInATablePartFailBeforeAnySnapshotIsAdded() {
    sql("CREATE TABLE lake.boot.requests_twice (request_id STRING, user_id STRING, ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.boot.requests_twice VALUES " + requestRows() + ", ('r3', 'u2', " + R4 + ", '" + DAY3 + "')");
    sql("CREATE TABLE lake.boot.sums_twice (request_id STRING, sum BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.boot.sums_twice VALUES ('r1', 1, '" + DAY2 + "'), ('r4', 4, '" + DAY3 + "'), "
        + "('r4', 5, '" + DAY3 + "'), ('r4', 6, '" + DAY2 + "')");
    String parts = ", \"bootstrapParts\": [{\"table\": \"boot.sums_twice\", \"query\": {\"selects\": "
        + "{\"request_id\": \"request_id\", \"" + SUM + "\": \"sum\"}}}]";
    Loaded<Join> join = load("twice.v1", join("boot.twice.v1", "out_twice", SPEND, parts, "")
        .replace("\"boot.requests\"", "\"boot.requests_twice\""));
    JoinBackfill first = new JoinBackfill(CATALOG, join);
    first.run(first.plan(new BackfillRange(Optional.empty(), day(DAY2), 30)), BackfillListener.NONE);
    Table table = CATALOG.loadTable(new TableName("out_twice", "boot_twice_v1")).orElseThrow();
    long snapshot = table.currentSnapshot().snapshotId();

    assertThatThrownBy(() -> new JoinBackfill(CATALOG, join).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definitions (2 problems):\n"
            + "  TM-301 " + join.file()
            + ": rowIds: the left source has rows that share their request_id within a day: 2 "
            + "rows with request_id=r3 on 2023-11-03. Fix: make rowIds identify one left row per day: add columns to "
            + "rowIds, or filter duplicates out in the left query\n"
            + "  TM-301 " + join.file() + ": bootstrapParts[0]: bootstrap boot.sums_twice has rows that share their "
            + "request_id within a day: 2 rows with request_id=r4 on 2023-11-03. Fix: keep one row per key and day in "
            + "the part, e.g. with a where in its query");
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshot);
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
