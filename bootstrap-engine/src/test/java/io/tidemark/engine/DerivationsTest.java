package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.validation.InvalidDefinitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Derivations of joins and GroupBys over a dataset whose every value is worked out by hand. One GroupBy over the
 * purchases, unwindowed and SNAPSHOT-accurate (as of the midnight before the request): SUM and COUNT of amount.
 *
 * <pre>
 * purchases                          requests (left, row id request_id)     sum, count        sum / count
 *   u1 day 1 09:00 amount 10           r1 u1 day 2 12:00                       10, 1             10.0
 *   u1 day 2 09:00 amount 5            r2 u2 day 2 13:00                        7, 1              7.0
 *   u2 day 1 10:00 amount 7            r3 u1 day 3 08:00                       15, 2              7.5
 *                                      r4 u2 day 3 09:00                        7, 1              7.0
 * </pre>
 *
 * Days are 2023-11-01 (day 1) to 2023-11-03 (day 3), UTC.
 */
class DerivationsTest {
  private static final String DAY1 = "2023-11-01";
  private static final String DAY2 = "2023-11-02";
  private static final String DAY3 = "2023-11-03";
  private static final long R1 = millis("2023-11-02T12:00:00Z");
  private static final long R2 = millis("2023-11-02T13:00:00Z");
  private static final long R3 = millis("2023-11-03T08:00:00Z");
  private static final long R4 = millis("2023-11-03T09:00:00Z");

  private static final String SPEND = """
      {"groupBy": {
        "metaData": {"name": "deriv.spend.v1"},
        "sources": [{"events": {"table": "deriv.purchases",
                                "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
        "keyColumns": ["user_id"],
        "aggregations": [{"inputColumn": "amount", "operation": "SUM"},
                         {"inputColumn": "amount", "operation": "COUNT"}]}}""";
  /** The average amount and whether the user spent 10 or more, without the base columns. */
  private static final String AVERAGE_AND_BIG = """
      [{"name": "avg_amount", "expression": "deriv_spend_v1_amount_sum / deriv_spend_v1_amount_count"},
       {"name": "big_spender", "expression": "deriv_spend_v1_amount_sum >= %d"}]""";

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.deriv");
    sql("CREATE TABLE lake.deriv.purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.deriv.purchases VALUES "
        + "('u1', 10, " + millis("2023-11-01T09:00:00Z") + ", '" + DAY1 + "'), "
        + "('u1', 5, " + millis("2023-11-02T09:00:00Z") + ", '" + DAY2 + "'), "
        + "('u2', 7, " + millis("2023-11-01T10:00:00Z") + ", '" + DAY1 + "')");
    sql("CREATE TABLE lake.deriv.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.deriv.requests VALUES ('r1', 'u1', " + R1 + ", '" + DAY2 + "'), ('r2', 'u2', " + R2
        + ", '" + DAY2 + "'), ('r3', 'u1', " + R3 + ", '" + DAY3 + "'), ('r4', 'u2', " + R4 + ", '" + DAY3 + "')");
  }

  /** A join of the spend GroupBy to the requests, with {@code rest} (its derivations, bootstraps) after the parts. */
  private static Loaded<Join> join(String name, String namespace, String rest) {
    return JoinFixtures.join(definitions, name, """
        {"metaData": {"name": "deriv.%s", "outputNamespace": "%s"},
         "left": {"events": {"table": "deriv.requests", "query": {"selects": {"request_id": "request_id",
                  "user_id": "user_id", "ts": "ts"}}}},
         "joinParts": [%s],
         "rowIds": ["request_id"]%s}
        """.formatted(name, namespace, SPEND, rest));
  }

  @Test
  void withoutTheStarOnlyTheDerivedColumnsReplaceThePartsColumns() {
    Loaded<Join> join = join("plain.v1", "deriv_plain", ", \"derivations\": " + AVERAGE_AND_BIG.formatted(10));
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    JoinBackfillPlan plan = backfill.plan(BackfillRange.all());

    assertThat(plan.describe()).contains("\n  derived columns: avg_amount double, big_spender boolean\n");
    String run = backfill.run(plan, BackfillListener.NONE).runId();
    assertThat(CATALOG.spark().table("lake.deriv_plain.deriv_plain_v1").columns()).containsExactly(
        "request_id", "user_id", "ts", "avg_amount", "big_spender", "tidemark_provenance", "ds");
    assertThat(rows("SELECT * EXCEPT (tidemark_provenance) FROM lake.deriv_plain.deriv_plain_v1 "
        + "ORDER BY request_id")).containsExactly(
            List.of("r1", "u1", R1, 10.0, true, DAY2),
            List.of("r2", "u2", R2, 7.0, false, DAY2),
            List.of("r3", "u1", R3, 7.5, true, DAY3),
            List.of("r4", "u2", R4, 7.0, false, DAY3));
    Map<String, String> computed = Map.of("avg_amount", "computed " + run, "big_spender", "computed " + run);
    assertThat(rows("SELECT request_id, tidemark_provenance FROM lake.deriv_plain.deriv_plain_v1 ORDER BY request_id"))
        .containsExactly(List.of("r1", computed), List.of("r2", computed), List.of("r3", computed),
            List.of("r4", computed));
  }

  @Test
  void keptColumnsDerivedAsThemselvesChangeNothing() {
    // Chronon's confs list the left's columns and ds as derivations of themselves; the output keeps them anyway.
    Loaded<Join> join = join("kept.v1", "deriv_kept", """
        , "derivations": [{"name": "user_id", "expression": "user_id"},
                          {"name": "avg_amount", "expression": "deriv_spend_v1_amount_sum / deriv_spend_v1_amount_count"},
                          {"name": "ds", "expression": "ds"}]
        """);
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    JoinBackfillPlan plan = backfill.plan(BackfillRange.all());

    assertThat(plan.describe()).contains("\n  derived columns: avg_amount double\n");
    backfill.run(plan, BackfillListener.NONE);
    assertThat(rows("SELECT * EXCEPT (tidemark_provenance) FROM lake.deriv_kept.deriv_kept_v1 ORDER BY request_id"))
        .containsExactly(
            List.of("r1", "u1", R1, 10.0, DAY2),
            List.of("r2", "u2", R2, 7.0, DAY2),
            List.of("r3", "u1", R3, 7.5, DAY3),
            List.of("r4", "u2", R4, 7.0, DAY3));
  }

  @Test
  void aDerivationNamedLikeALeftColumnFillsItWhereItIsNull() {
    String left = """
        {"metaData": {"name": "deriv.%s", "outputNamespace": "deriv_fill"},
         "left": {"events": {"table": "deriv.requests", "query": {"selects": {"request_id": "request_id",
                  "user_id": "user_id", "ts": "ts",
                  "place": "CASE WHEN request_id IN ('r1', 'r3') THEN concat('p-', request_id) END"}}}},
         "joinParts": [%s],
         "derivations": [{"name": "*", "expression": "*"}, {"name": "place", "expression": "%s"}]}
        """;
    backfill(JoinFixtures.join(definitions, "fill.v1", left.formatted("fill.v1", SPEND, "concat('near-', user_id)")));

    // As in Chronon: coalesce(the left's place, the expression).
    assertThat(rows("SELECT request_id, place, deriv_spend_v1_amount_sum FROM lake.deriv_fill.deriv_fill_v1 "
        + "ORDER BY request_id")).containsExactly(
            List.of("r1", "p-r1", 10L),
            List.of("r2", "near-u2", 7L),
            List.of("r3", "p-r3", 15L),
            List.of("r4", "near-u2", 7L));

    Loaded<Join> mismatched =
        JoinFixtures.join(definitions, "fill_bad.v1", left.formatted("fill_bad.v1", SPEND, "array(1)"));
    assertThatThrownBy(() -> new JoinBackfill(CATALOG, mismatched).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-114 " + mismatched.file() + ": derivations[1].expression: \"array(1)\" "
            + "cannot fill the kept column place of type string where it is NULL: [DATATYPE_MISMATCH.DATA_DIFF_TYPES] "
            + "Cannot resolve \"coalesce(place, array(1))\" due to data type mismatch: Input to `coalesce` should all be "
            + "the same type, but it's (\"STRING\" or \"ARRAY<INT>\"). Fix: derive a value of the column's type, e.g. "
            + "\"CAST(array(1) AS STRING)\", or give the derived column another name");
  }

  @Test
  void theStarKeepsTheBaseColumnsThatNoDerivationRenamesWhereItStands() {
    backfill(join("star.v1", "deriv_star", """
        , "derivations": [{"name": "spend", "expression": "deriv_spend_v1_amount_sum"},
                          {"name": "*", "expression": "*"},
                          {"name": "tag", "expression": "concat(user_id, ':', CAST(deriv_spend_v1_amount_count AS STRING))"}]
        """));

    assertThat(CATALOG.spark().table("lake.deriv_star.deriv_star_v1").columns()).containsExactly("request_id",
        "user_id", "ts", "spend", "deriv_spend_v1_amount_count", "tag", "tidemark_provenance", "ds");
    assertThat(rows("SELECT * EXCEPT (tidemark_provenance) FROM lake.deriv_star.deriv_star_v1 ORDER BY request_id"))
        .containsExactly(
            List.of("r1", "u1", R1, 10L, 1L, "u1:1", DAY2),
            List.of("r2", "u2", R2, 7L, 1L, "u2:1", DAY2),
            List.of("r3", "u1", R3, 15L, 2L, "u1:2", DAY3),
            List.of("r4", "u2", R4, 7L, 1L, "u2:1", DAY3));
  }

  @Test
  void aBootstrappedDerivedValueIsTakenAsItIsAndANullOneFallsThroughToTheExpression() {
    sql("CREATE TABLE lake.deriv.fixed (request_id STRING, fixed_avg DOUBLE, ds STRING) USING iceberg");
    sql("INSERT INTO lake.deriv.fixed VALUES ('r3', 100.0, '" + DAY3 + "'), ('r2', NULL, '" + DAY2 + "')");
    String run = backfill(join("fixed.v1", "deriv_fixed", ", \"derivations\": " + AVERAGE_AND_BIG.formatted(10)
        + ", \"bootstrapParts\": [{\"table\": \"deriv.fixed\", \"query\": {\"selects\": {\"request_id\": "
        + "\"request_id\", \"avg_amount\": \"fixed_avg\"}}}]")).runId();

    assertThat(rows("SELECT request_id, avg_amount, big_spender, tidemark_provenance['avg_amount'] "
        + "FROM lake.deriv_fixed.deriv_fixed_v1 ORDER BY request_id")).containsExactly(
            List.of("r1", 10.0, true, "computed " + run),
            List.of("r2", 7.0, false, "computed " + run),
            // r3's bootstrapped average wins over 15 / 2; the other column is computed as ever.
            List.of("r3", 100.0, true, "bootstrap deriv.fixed"),
            List.of("r4", 7.0, false, "computed " + run));
  }

  @Test
  void expressionsThatAreNotOneTypedValuePerRowAreRefusedBeforeAnyTableIsCreated() {
    Loaded<Join> join = join("bad.v1", "deriv_bad", """
        , "derivations": [{"name": "x", "expression": "nope"},
                          {"name": "total", "expression": "sum(deriv_spend_v1_amount_sum)"},
                          {"name": "user_id", "expression": "array(1)"},
                          {"name": "nothing", "expression": "NULL"},
                          {"name": "position", "expression": "row_number() OVER (ORDER BY ts)"},
                          {"name": "each", "expression": "explode(array(1, 2))"}]
        """);

    assertThatThrownBy(() -> new JoinBackfill(CATALOG, join).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definitions (6 problems):\n"
            + "  TM-112 " + join.file()
            + ": derivations[0].expression: column nope is not a column of the output before "
            + "derivation. Fix: write a Spark SQL expression over one row's columns (request_id, user_id, ts, "
            + "deriv_spend_v1_amount_sum, deriv_spend_v1_amount_count, ds)\n"
            + "  TM-114 " + join.file()
            + ": derivations[1].expression: \"sum(deriv_spend_v1_amount_sum)\" aggregates rows, "
            + "but a derivation computes one value per row from that row's columns. Fix: derive from one row's "
            + "columns only, e.g. with CASE WHEN, COALESCE or arithmetic (aggregate in the GroupBy instead)\n"
            + "  TM-114 " + join.file()
            + ": derivations[2].expression: \"array(1)\" cannot fill the kept column user_id of "
            + "type string where it is NULL: [DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"coalesce(user_id, "
            + "array(1))\" due to data type mismatch: Input to `coalesce` should all be the same type, but it's "
            + "(\"STRING\" or \"ARRAY<INT>\"). Fix: derive a value of the column's type, e.g. \"CAST(array(1) AS "
            + "STRING)\", or give the derived column another name\n"
            + "  TM-114 " + join.file() + ": derivations[3].expression: \"NULL\" is NULL without a type, which a table "
            + "column cannot hold. Fix: give it a type, e.g. \"CAST(NULL AS DOUBLE)\"\n"
            + "  TM-114 " + join.file()
            + ": derivations[4].expression: \"row_number() OVER (ORDER BY ts)\" is a window "
            + "function, but a derivation computes one value per row from that row's columns. Fix: derive from one "
            + "row's columns only, e.g. with CASE WHEN, COALESCE or arithmetic (aggregate in the GroupBy instead)\n"
            + "  TM-114 " + join.file() + ": derivations[5].expression: \"explode(array(1, 2))\" generates rows, but a "
            + "derivation computes one value per row from that row's columns. Fix: derive from one row's columns "
            + "only, e.g. with CASE WHEN, COALESCE or arithmetic (aggregate in the GroupBy instead)");
    assertThat(CATALOG.tableExists(new TableName("deriv_bad", "deriv_bad_v1"))).isFalse();
  }

  @Test
  void aChangedDerivationArchivesTheTableAndRebuildsIt() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    backfill(join("rebuilt.v1", "deriv_rebuilt", ", \"derivations\": " + AVERAGE_AND_BIG.formatted(10)));
    Loaded<Join> changed = join("rebuilt.v1", "deriv_rebuilt", ", \"derivations\": " + AVERAGE_AND_BIG.formatted(15));
    JoinBackfill backfill = new JoinBackfill(CATALOG, changed, clock);
    JoinBackfillPlan plan = backfill.plan(BackfillRange.all());

    assertThat(plan.decisions()).containsExactly("the derivations changed: deriv_rebuilt.deriv_rebuilt_v1 is "
        + "archived as deriv_rebuilt.deriv_rebuilt_v1_archived_20260102030405 (kept and readable) and rebuilt");
    backfill.run(plan, BackfillListener.NONE);
    assertThat(rows("SELECT request_id, big_spender FROM lake.deriv_rebuilt.deriv_rebuilt_v1 ORDER BY request_id"))
        .containsExactly(List.of("r1", false), List.of("r2", false), List.of("r3", true), List.of("r4", false));
    assertThat(rows("SELECT request_id, big_spender FROM lake.deriv_rebuilt.deriv_rebuilt_v1_archived_20260102030405 "
        + "ORDER BY request_id"))
        .containsExactly(List.of("r1", true), List.of("r2", false), List.of("r3", true), List.of("r4", false));
  }

  @Test
  void aGroupBysDerivationsReplaceItsFeaturesInItsDailyTable() throws IOException {
    Loaded<GroupBy> groupBy = userSpend("amount_sum / amount_count");
    GroupByBackfill backfill = new GroupByBackfill(CATALOG, groupBy);
    GroupByBackfillPlan plan = backfill.plan(BackfillRange.all());

    assertThat(plan.describe()).contains("\n  derived columns: avg_amount double, is_u1 boolean\n");
    backfill.run(plan, BackfillListener.NONE);
    assertThat(CATALOG.spark().table("lake.deriv_gb.deriv_user_spend_v1").columns())
        .containsExactly("user_id", "avg_amount", "is_u1", "ds");
    // As of the end of day 1: u1 10 / 1, u2 7 / 1; of day 2: u1 (10 + 5) / 2, u2 unchanged.
    assertThat(rows("SELECT * FROM lake.deriv_gb.deriv_user_spend_v1 ORDER BY ds, user_id")).containsExactly(
        List.of("u1", 10.0, true, DAY1),
        List.of("u2", 7.0, false, DAY1),
        List.of("u1", 7.5, true, DAY2),
        List.of("u2", 7.0, false, DAY2));

    // The same columns derived another way would mix two meanings in one table.
    Loaded<GroupBy> changed = userSpend("amount_sum / amount_count * 100");
    assertThatThrownBy(() -> new GroupByBackfill(CATALOG, changed).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-106 " + changed.file() + ": derivations: differ from the derivations "
            + "deriv_gb.deriv_user_spend_v1 was filled with, so its days hold other values under these columns. Fix: "
            + "drop the table to fill it anew with these derivations, or give the GroupBy a new name (metaData.name) "
            + "for a table of its own");
  }

  /** The GroupBy of each user's purchases, deriving the average amount as {@code average} and whether it is u1. */
  private static Loaded<GroupBy> userSpend(String average) throws IOException {
    Path file = definitions.resolve("group_bys/deriv/user_spend.v1");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        {"metaData": {"name": "deriv.user_spend.v1", "outputNamespace": "deriv_gb"},
         "sources": [{"events": {"table": "deriv.purchases",
                                 "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
         "keyColumns": ["user_id"],
         "aggregations": [{"inputColumn": "amount", "operation": "SUM"}, {"inputColumn": "amount", "operation": "COUNT"}],
         "derivations": [{"name": "avg_amount", "expression": "%s"},
                         {"name": "is_u1", "expression": "user_id = 'u1'"}]}
        """.formatted(average));
    return DefinitionLoader.loadGroupBy(file);
  }
}
