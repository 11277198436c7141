package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of source, on data small enough to work out by hand. Days are 2023-11-01 (day 1) to 2023-11-03 (day 3).
 *
 * <pre>
 * listings (daily snapshots)           listing_mutations (day 2)
 *   day 1: h1 l1 100, h1 l2 50,          09:00  h1 l2  50 deleted
 *          h2 l3 70                      11:00  h1 l1 100 deleted, h1 l1 110 added (a price change)
 *   day 2: h1 l1 110, h2 l3 70, h2 l4 30
 * </pre>
 */
class SourceKindsTest {
  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.kinds");
    sql("CREATE TABLE lake.kinds.listings (host STRING, listing STRING, price BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.kinds.listings VALUES ('h1', 'l1', 100, '2023-11-01'), ('h1', 'l2', 50, '2023-11-01'), "
        + "('h2', 'l3', 70, '2023-11-01'), ('h1', 'l1', 110, '2023-11-02'), ('h2', 'l3', 70, '2023-11-02'), "
        + "('h2', 'l4', 30, '2023-11-02')");
    sql("CREATE TABLE lake.kinds.listing_mutations (host STRING, listing STRING, price BIGINT, mutation_ts BIGINT, "
        + "is_before BOOLEAN, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.kinds.listing_mutations VALUES "
        + "('h1', 'l2', 50, " + millis("2023-11-02T09:00:00Z") + ", true, '2023-11-02'), "
        + "('h1', 'l1', 100, " + millis("2023-11-02T11:00:00Z") + ", true, '2023-11-02'), "
        + "('h1', 'l1', 110, " + millis("2023-11-02T11:00:00Z") + ", false, '2023-11-02')");
    sql("CREATE TABLE lake.kinds.visits (host STRING, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.kinds.visits VALUES "
        + "('h1', " + millis("2023-11-02T10:00:00Z") + ", '2023-11-02'), "
        + "('h1', " + millis("2023-11-02T11:00:00Z") + ", '2023-11-02'), "
        + "('h1', " + millis("2023-11-02T12:00:00Z") + ", '2023-11-02'), "
        + "('h2', " + millis("2023-11-02T12:00:00Z") + ", '2023-11-02'), "
        + "('h1', " + millis("2023-11-03T08:00:00Z") + ", '2023-11-03'), "
        + "('h2', " + millis("2023-11-03T08:00:00Z") + ", '2023-11-03')");
  }

  @Test
  void entityAggregationsReadThePreviousDaysSnapshot() {
    backfill(join(definitions, "entity_aggregations.v1", """
        {"metaData": {"name": "kinds.entity_aggregations.v1", "outputNamespace": "kinds_out"},
         "left": {"events": {"table": "kinds.visits", "query": {"selects": {"host": "host"}}}},
         "joinParts": [{"groupBy": {
           "metaData": {"name": "kinds.host_listings.v1"},
           "sources": [{"entities": {"snapshotTable": "kinds.listings",
                                     "query": {"selects": {"host": "host", "price": "price"}}}}],
           "keyColumns": ["host"],
           "aggregations": [{"inputColumn": "price", "operation": "COUNT"},
                            {"inputColumn": "price", "operation": "SUM"},
                            {"inputColumn": "price", "operation": "MAX"}]}}]}
        """));

    assertThat(rows("SELECT host, ts, kinds_host_listings_v1_price_count, kinds_host_listings_v1_price_sum, "
        + "kinds_host_listings_v1_price_max FROM lake.kinds_out.kinds_entity_aggregations_v1 ORDER BY ts, host"))
        .containsExactly(
            // Day-2 visits see the day-1 snapshot: h1 has l1 100 and l2 50; h2 has l3 70.
            List.of("h1", millis("2023-11-02T10:00:00Z"), 2L, 150L, 100L),
            List.of("h1", millis("2023-11-02T11:00:00Z"), 2L, 150L, 100L),
            List.of("h1", millis("2023-11-02T12:00:00Z"), 2L, 150L, 100L),
            List.of("h2", millis("2023-11-02T12:00:00Z"), 1L, 70L, 70L),
            // Day-3 visits see the day-2 snapshot: h1 has l1 110; h2 has l3 70 and l4 30.
            List.of("h1", millis("2023-11-03T08:00:00Z"), 1L, 110L, 110L),
            List.of("h2", millis("2023-11-03T08:00:00Z"), 2L, 100L, 70L));
  }

  @Test
  void temporalEntityAggregationsReplayTheDaysMutationsBeforeEachRow() {
    backfill(join(definitions, "mutations.v1", """
        {"metaData": {"name": "kinds.mutations.v1", "outputNamespace": "kinds_out"},
         "left": {"events": {"table": "kinds.visits", "query": {"selects": {"host": "host"},
                                                                 "endPartition": "2023-11-02"}}},
         "joinParts": [{"groupBy": {
           "metaData": {"name": "kinds.host_listings_live.v1"},
           "sources": [{"entities": {"snapshotTable": "kinds.listings", "mutationTable": "kinds.listing_mutations",
                                     "query": {"selects": {"host": "host", "price": "price"}}}}],
           "keyColumns": ["host"],
           "aggregations": [{"inputColumn": "price", "operation": "COUNT"},
                            {"inputColumn": "price", "operation": "SUM"},
                            {"inputColumn": "price", "operation": "MAX"}],
           "accuracy": "TEMPORAL"}}]}
        """));

    assertThat(rows("SELECT host, ts, kinds_host_listings_live_v1_price_count, kinds_host_listings_live_v1_price_sum, "
        + "kinds_host_listings_live_v1_price_max FROM lake.kinds_out.kinds_mutations_v1 ORDER BY ts, host"))
        .containsExactly(
            // 10:00: the day-1 state (100, 50) minus the 09:00 delete of 50. MAX ignores deletes, as in Chronon.
            List.of("h1", millis("2023-11-02T10:00:00Z"), 1L, 100L, 100L),
            // 11:00: the price change at exactly 11:00 is not seen yet.
            List.of("h1", millis("2023-11-02T11:00:00Z"), 1L, 100L, 100L),
            // 12:00: 100 taken back, 110 added.
            List.of("h1", millis("2023-11-02T12:00:00Z"), 1L, 110L, 110L),
            List.of("h2", millis("2023-11-02T12:00:00Z"), 1L, 70L, 70L));
  }

  /**
   * Offers with the time they were listed, which windows follow. Day 1's snapshot: h1 o1 100 (listed Oct 20 12:00),
   * h1 o2 50 (Nov 1 10:30), h2 o3 70 (Nov 1 13:00), h2 o5 5 (Nov 1 20:00). Day 2's mutations: 09:30 o2's price
   * changes to 60 (its before image deleted, the new one added); 10:30 h1 lists o4 20; 11:00 h2 removes o3. Day 2's
   * snapshot is the result.
   */
  @Test
  void temporalEntityWindowsFollowEachRowsOwnTimeAndTakeBackDeletedRows() {
    sql("CREATE TABLE lake.kinds.offers (host STRING, offer STRING, price BIGINT, listed_at BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.kinds.offers VALUES "
        + "('h1', 'o1', 100, " + millis("2023-10-20T12:00:00Z") + ", '2023-11-01'), "
        + "('h1', 'o2', 50, " + millis("2023-11-01T10:30:00Z") + ", '2023-11-01'), "
        + "('h2', 'o3', 70, " + millis("2023-11-01T13:00:00Z") + ", '2023-11-01'), "
        + "('h2', 'o5', 5, " + millis("2023-11-01T20:00:00Z") + ", '2023-11-01'), "
        + "('h1', 'o1', 100, " + millis("2023-10-20T12:00:00Z") + ", '2023-11-02'), "
        + "('h1', 'o2', 60, " + millis("2023-11-01T10:30:00Z") + ", '2023-11-02'), "
        + "('h1', 'o4', 20, " + millis("2023-11-02T10:30:00Z") + ", '2023-11-02'), "
        + "('h2', 'o5', 5, " + millis("2023-11-01T20:00:00Z") + ", '2023-11-02')");
    sql("CREATE TABLE lake.kinds.offer_mutations (host STRING, offer STRING, price BIGINT, listed_at BIGINT, "
        + "mutation_ts BIGINT, is_before BOOLEAN, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.kinds.offer_mutations VALUES "
        + "('h1', 'o2', 50, " + millis("2023-11-01T10:30:00Z") + ", " + millis("2023-11-02T09:30:00Z")
        + ", true, '2023-11-02'), "
        + "('h1', 'o2', 60, " + millis("2023-11-01T10:30:00Z") + ", " + millis("2023-11-02T09:30:00Z")
        + ", false, '2023-11-02'), "
        + "('h1', 'o4', 20, " + millis("2023-11-02T10:30:00Z") + ", " + millis("2023-11-02T10:30:00Z")
        + ", false, '2023-11-02'), "
        + "('h2', 'o3', 70, " + millis("2023-11-01T13:00:00Z") + ", " + millis("2023-11-02T11:00:00Z")
        + ", true, '2023-11-02')");
    backfill(join(definitions, "offers.v1", """
        {"metaData": {"name": "kinds.offers.v1", "outputNamespace": "kinds_out"},
         "left": {"events": {"table": "kinds.visits", "query": {"selects": {"host": "host"}}}},
         "joinParts": [{"groupBy": {
           "metaData": {"name": "kinds.host_offers.v1"},
           "sources": [{"entities": {"snapshotTable": "kinds.offers", "mutationTable": "kinds.offer_mutations",
                                     "query": {"selects": {"host": "host", "price": "price"},
                                               "timeColumn": "listed_at"}}}],
           "keyColumns": ["host"],
           "aggregations": [{"inputColumn": "price", "operation": "SUM",
                             "windows": [{"length": 1, "timeUnit": "DAYS"}]},
                            {"inputColumn": "price", "operation": "COUNT",
                             "windows": [{"length": 1, "timeUnit": "DAYS"}]},
                            {"inputColumn": "price", "operation": "SUM"}],
           "accuracy": "TEMPORAL"}}]}
        """));

    assertThat(rows("SELECT host, ts, kinds_host_offers_v1_price_sum_1d, kinds_host_offers_v1_price_count_1d, "
        + "kinds_host_offers_v1_price_sum FROM lake.kinds_out.kinds_offers_v1 ORDER BY ts, host"))
        .containsExactly(
            // Day 2 10:00: window [Nov 1 10:00, Nov 2 10:00) holds o2 (listed Nov 1 10:30), whose 09:30 change is
            // seen: 60. o1 (Oct 20) is only in the unwindowed sum: 100 + 60.
            Arrays.asList("h1", millis("2023-11-02T10:00:00Z"), 60L, 1L, 160L),
            // 11:00: o2 has left the window; o4, listed and added at 10:30, is in it.
            Arrays.asList("h1", millis("2023-11-02T11:00:00Z"), 20L, 1L, 180L),
            Arrays.asList("h1", millis("2023-11-02T12:00:00Z"), 20L, 1L, 180L),
            // h2 at 12:00: window [Nov 1 12:00, Nov 2 12:00) holds o3 and o5, and o3 was deleted at 11:00.
            Arrays.asList("h2", millis("2023-11-02T12:00:00Z"), 5L, 1L, 5L),
            // Day 3 08:00 reads day 2's snapshot: window [Nov 2 08:00, Nov 3 08:00) holds o4 only; h2's o5 is older.
            Arrays.asList("h1", millis("2023-11-03T08:00:00Z"), 20L, 1L, 180L),
            Arrays.asList("h2", millis("2023-11-03T08:00:00Z"), null, null, 5L));
  }

  @Test
  void cumulativeSourcesReadOnlyTheirLatestPartition() {
    sql("CREATE TABLE lake.kinds.points_cumulative (host STRING, points BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    // Each day's partition repeats all earlier points: reading every partition would count them again.
    String first = "('h1', 5, " + millis("2023-10-31T10:00:00Z") + ", ";
    String second = "('h1', 7, " + millis("2023-11-01T12:00:00Z") + ", ";
    String third = "('h1', 9, " + millis("2023-11-02T09:00:00Z") + ", ";
    sql("INSERT INTO lake.kinds.points_cumulative VALUES " + first + "'2023-11-01'), " + first + "'2023-11-02'), "
        + second + "'2023-11-02'), " + first + "'2023-11-03'), " + second + "'2023-11-03'), " + third + "'2023-11-03')");
    backfill(join(definitions, "cumulative.v1", """
        {"metaData": {"name": "kinds.cumulative.v1", "outputNamespace": "kinds_out"},
         "left": {"events": {"table": "kinds.visits", "query": {"selects": {"host": "host"},
                                                                 "wheres": ["host = 'h1'"]}}},
         "joinParts": [{"groupBy": {
           "metaData": {"name": "kinds.points.v1"},
           "sources": [{"events": {"table": "kinds.points_cumulative", "isCumulative": true,
                                   "query": {"selects": {"host": "host", "points": "points"}}}}],
           "keyColumns": ["host"],
           "aggregations": [{"inputColumn": "points", "operation": "SUM"}],
           "accuracy": "TEMPORAL"}}]}
        """));

    assertThat(rows("SELECT ts, kinds_points_v1_points_sum FROM lake.kinds_out.kinds_cumulative_v1 ORDER BY ts"))
        .containsExactly(
            // Every point before 10:00 on day 2: 5 + 7 + 9 (the 9 came at 09:00).
            List.of(millis("2023-11-02T10:00:00Z"), 21L),
            List.of(millis("2023-11-02T11:00:00Z"), 21L),
            List.of(millis("2023-11-02T12:00:00Z"), 21L),
            List.of(millis("2023-11-03T08:00:00Z"), 21L));
  }

  @Test
  void entitiesOnTheLeftSeeTheEndOfTheirOwnDay() {
    sql("CREATE TABLE lake.kinds.sales (host STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.kinds.sales VALUES ('h1', 5, " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01'), "
        + "('h1', 7, " + millis("2023-11-02T23:00:00Z") + ", '2023-11-02'), "
        + "('h1', 9, " + millis("2023-11-03T01:00:00Z") + ", '2023-11-03')");
    sql("CREATE TABLE lake.kinds.hosts (host STRING, tier STRING, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.kinds.hosts VALUES ('h1', 'silver', '2023-11-01'), ('h1', 'gold', '2023-11-02'), "
        + "('h2', 'new', '2023-11-02')");
    backfill(join(definitions, "entity_left.v1", """
        {"metaData": {"name": "kinds.entity_left.v1", "outputNamespace": "kinds_out"},
         "left": {"entities": {"snapshotTable": "kinds.hosts", "query": {"selects": {"host": "host"},
                                                                         "startPartition": "2023-11-02"}}},
         "joinParts": [
           {"groupBy": {"metaData": {"name": "kinds.sales.v1"},
                        "sources": [{"events": {"table": "kinds.sales",
                                                "query": {"selects": {"host": "host", "amount": "amount"}}}}],
                        "keyColumns": ["host"],
                        "aggregations": [{"inputColumn": "amount", "operation": "SUM",
                                          "windows": [{"length": 1, "timeUnit": "DAYS"}]},
                                         {"inputColumn": "amount", "operation": "SUM"}]}},
           {"groupBy": {"metaData": {"name": "kinds.host_tier.v1"},
                        "sources": [{"entities": {"snapshotTable": "kinds.hosts",
                                                  "query": {"selects": {"host": "host", "tier": "tier"}}}}],
                        "keyColumns": ["host"]}},
           {"groupBy": {"metaData": {"name": "kinds.host_listings.v1"},
                        "sources": [{"entities": {"snapshotTable": "kinds.listings",
                                                  "query": {"selects": {"host": "host", "price": "price"}}}}],
                        "keyColumns": ["host"],
                        "aggregations": [{"inputColumn": "price", "operation": "SUM"}]}}]}
        """));

    assertThat(JoinFixtures.rowsWithoutRowKey("SELECT * FROM lake.kinds_out.kinds_entity_left_v1 ORDER BY host")).containsExactly(
        // h1 on day 2, as of the end of day 2: sales of day 2 (7) in the 1-day window, 5 + 7 in all; the tier and the
        // listings of day 2's own snapshot (gold; l1 110). The day-3 sale is later.
        List.of("h1", 7L, 12L, "gold", 110L, "2023-11-02"),
        // h2: no sales; new; l3 70 + l4 30.
        Arrays.asList("h2", null, null, "new", 100L, "2023-11-02"));
  }

  @Test
  void anEntityLeftReadsTheSnapshotOfAWindowedTemporalEntityPartWithoutItsMutations() {
    sql("CREATE TABLE IF NOT EXISTS lake.kinds.host_days (host STRING, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.kinds.host_days VALUES ('h1', '2023-11-02'), ('h2', '2023-11-02')");
    backfill(join(definitions, "entity_left_windowed.v1", """
        {"metaData": {"name": "kinds.entity_left_windowed.v1", "outputNamespace": "kinds_out"},
         "left": {"entities": {"snapshotTable": "kinds.host_days", "query": {"selects": {"host": "host"}}}},
         "joinParts": [{"groupBy": {
           "metaData": {"name": "kinds.host_listings_windowed.v1"},
           "sources": [{"entities": {"snapshotTable": "kinds.listings", "mutationTable": "kinds.listing_mutations",
                                     "query": {"selects": {"host": "host", "price": "price"},
                                               "timeColumn": "unix_millis(to_timestamp(ds))"}}}],
           "keyColumns": ["host"],
           "aggregations": [{"inputColumn": "price", "operation": "COUNT",
                             "windows": [{"length": 1, "timeUnit": "DAYS"}]},
                            {"inputColumn": "price", "operation": "SUM"}],
           "accuracy": "TEMPORAL"}}]}
        """));

    assertThat(JoinFixtures.rowsWithoutRowKey(
        "SELECT * FROM lake.kinds_out.kinds_entity_left_windowed_v1 ORDER BY host")).containsExactly(
        // Day 2's own snapshot, whose rows are all of that day: h1 has l1 110; h2 has l3 70 and l4 30.
        List.of("h1", 1L, 110L, "2023-11-02"),
        List.of("h2", 2L, 100L, "2023-11-02"));
  }

  @Test
  void cyclicKeyMappingsSwapKeysWithoutConfusion() {
    sql("CREATE TABLE lake.kinds.pairs (user STRING, user_name STRING, v BIGINT, ts BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.kinds.pairs VALUES ('p', 'q', 1, " + millis("2023-11-01T00:00:00Z") + ", '2023-11-01'), "
        + "('q', 'p', 10, " + millis("2023-11-01T00:00:00Z") + ", '2023-11-01')");
    sql("CREATE TABLE lake.kinds.pair_queries (user STRING, user_name STRING, ts BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.kinds.pair_queries VALUES ('q', 'p', " + millis("2023-11-02T00:00:00Z") + ", '2023-11-02')");
    backfill(join(definitions, "cyclic.v1", """
        {"metaData": {"name": "kinds.cyclic.v1", "outputNamespace": "kinds_out"},
         "left": {"events": {"table": "kinds.pair_queries",
                             "query": {"selects": {"user": "user", "user_name": "user_name"}}}},
         "joinParts": [
           {"groupBy": {"metaData": {"name": "kinds.pairs.v1"},
                        "sources": [{"events": {"table": "kinds.pairs", "query": {
                          "selects": {"user": "user", "user_name": "user_name", "v": "v"}}}}],
                        "keyColumns": ["user", "user_name"],
                        "aggregations": [{"inputColumn": "v", "operation": "SUM"}]},
            "keyMapping": {"user": "user_name", "user_name": "user"}, "prefix": "swapped"},
           {"groupBy": {"metaData": {"name": "kinds.pairs.v1"},
                        "sources": [{"events": {"table": "kinds.pairs", "query": {
                          "selects": {"user": "user", "user_name": "user_name", "v": "v"}}}}],
                        "keyColumns": ["user", "user_name"],
                        "aggregations": [{"inputColumn": "v", "operation": "SUM"}]},
            "prefix": "straight"}]}
        """));

    // The left row (user q, user_name p) looks up (user p, user_name q) when swapped: 1; as it is: 10.
    assertThat(rows("SELECT user, user_name, swapped_kinds_pairs_v1_v_sum, straight_kinds_pairs_v1_v_sum "
        + "FROM lake.kinds_out.kinds_cyclic_v1")).containsExactly(List.of("q", "p", 1L, 10L));
  }

  @Test
  void severalSourcesWithWheresAndExpressionsFeedOneGroupBy() {
    sql("CREATE TABLE lake.kinds.web_sales (host STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg");
    sql("CREATE TABLE lake.kinds.app_sales (seller STRING, cents BIGINT, ts BIGINT, ds STRING) USING iceberg");
    long day1 = millis("2023-11-01T10:00:00Z");
    sql("INSERT INTO lake.kinds.web_sales VALUES ('h1', 3, " + day1 + ", '2023-11-01'), "
        + "('h1', -1, " + day1 + ", '2023-11-01')");
    sql("INSERT INTO lake.kinds.app_sales VALUES ('h1', 250, " + day1 + ", '2023-11-01'), "
        + "('h2', 100, " + day1 + ", '2023-11-01')");
    backfill(join(definitions, "two_sources.v1", """
        {"metaData": {"name": "kinds.two_sources.v1", "outputNamespace": "kinds_out"},
         "left": {"events": {"table": "kinds.visits", "query": {"selects": {"host": "host"},
                                                                 "endPartition": "2023-11-02"}}},
         "joinParts": [{"groupBy": {"metaData": {"name": "kinds.all_sales.v1"},
           "sources": [
             {"events": {"table": "kinds.web_sales", "query": {"selects": {"host": "host", "dollars": "CAST(amount AS DOUBLE)"},
                                                               "wheres": ["amount > 0"]}}},
             {"events": {"table": "kinds.app_sales", "query": {"selects": {"host": "seller", "dollars": "CAST(cents AS DOUBLE) / 100"},
                                                               "wheres": ["seller != 'h2'"]}}}],
           "keyColumns": ["host"],
           "aggregations": [{"inputColumn": "dollars", "operation": "SUM"},
                            {"inputColumn": "dollars", "operation": "COUNT"}]}}]}
        """));

    // h1: web 3 (the -1 is filtered out) and app 2.50; h2's app sale is filtered out.
    assertThat(rows("SELECT DISTINCT host, kinds_all_sales_v1_dollars_sum, "
        + "kinds_all_sales_v1_dollars_count FROM lake.kinds_out.kinds_two_sources_v1 ORDER BY host"))
        .containsExactly(List.of("h1", 5.5, 2L), Arrays.asList("h2", null, null));
  }
}
