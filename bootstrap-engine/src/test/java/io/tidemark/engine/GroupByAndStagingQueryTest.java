package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.validation.InvalidDefinitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GroupBy backfills and staging queries on sales worked out by hand:
 * h1 5 at 2023-11-01 10:00, h1 7 at 2023-11-02 23:00, h2 3 at 2023-11-02 01:00.
 */
class GroupByAndStagingQueryTest {
  /** "Today" for staging queries without an end day. */
  private static final Clock DAY_AFTER_THE_DATA = Clock.fixed(Instant.parse("2023-11-03T08:00:00Z"), ZoneOffset.UTC);

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.gb");
    sql("CREATE TABLE lake.gb.sales (host STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.gb.sales VALUES ('h1', 5, " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01'), "
        + "('h1', 7, " + millis("2023-11-02T23:00:00Z") + ", '2023-11-02'), "
        + "('h2', 3, " + millis("2023-11-02T01:00:00Z") + ", '2023-11-02')");
    sql("CREATE TABLE lake.gb.hosts (host STRING, tier STRING, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.gb.hosts VALUES ('h1', 'silver', '2023-11-01'), ('h1', 'gold', '2023-11-02')");
  }

  @Test
  void aGroupByBackfillHoldsEachKeysFeaturesAsOfTheEndOfEachDay() throws IOException {
    Loaded<GroupBy> groupBy = groupBy("sales.v1", """
        {"metaData": {"name": "gb.sales.v1", "outputNamespace": "gb_out"},
         "sources": [{"events": {"table": "gb.sales", "query": {"selects": {"host": "host", "amount": "amount"}}}}],
         "keyColumns": ["host"],
         "aggregations": [
           {"inputColumn": "amount", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
           {"inputColumn": "amount", "operation": "SUM"},
           {"inputColumn": "amount", "operation": "COUNT", "windows": [{"length": 2, "timeUnit": "DAYS"}]}]}
        """);
    GroupByBackfill backfill = new GroupByBackfill(CATALOG, groupBy);
    backfill.run(backfill.plan(BackfillRange.all()), BackfillListener.NONE);

    assertThat(rows("SELECT * FROM lake.gb_out.gb_sales_v1 ORDER BY ds, host")).containsExactly(
        // End of day 1: h1's 5 is in both windows; h2 has nothing yet, so no row.
        List.of("h1", 5L, 5L, 1L, "2023-11-01"),
        // End of day 2: h1's 7 in the last day, 5 + 7 in all, both in two days; h2's 3.
        List.of("h1", 7L, 12L, 2L, "2023-11-02"),
        List.of("h2", 3L, 3L, 1L, "2023-11-02"));
    assertThat(CATALOG.spark().table("lake.gb_out.gb_sales_v1").columns())
        .containsExactly("host", "amount_sum_1d", "amount_sum", "amount_count_2d", "ds");
  }

  @Test
  void aGroupByWithoutAggregationsCopiesEachDaysSnapshot() throws IOException {
    Loaded<GroupBy> groupBy = groupBy("hosts.v1", """
        {"metaData": {"name": "gb.hosts.v1", "outputNamespace": "gb_out"},
         "sources": [{"entities": {"snapshotTable": "gb.hosts", "query": {"selects": {"host": "host", "tier": "tier"}}}}],
         "keyColumns": ["host"]}
        """);
    GroupByBackfill backfill = new GroupByBackfill(CATALOG, groupBy);
    backfill.run(backfill.plan(BackfillRange.all()), BackfillListener.NONE);

    assertThat(rows("SELECT * FROM lake.gb_out.gb_hosts_v1 ORDER BY ds")).containsExactly(
        List.of("h1", "silver", "2023-11-01"), List.of("h1", "gold", "2023-11-02"));
  }

  @Test
  void aGroupByBackfillNeedsAnOutputNamespace() throws IOException {
    Loaded<GroupBy> groupBy = groupBy("nowhere.v1", """
        {"metaData": {"name": "gb.nowhere.v1"},
         "sources": [{"events": {"table": "gb.sales", "query": {"selects": {"host": "host", "amount": "amount"}}}}],
         "keyColumns": ["host"],
         "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}
        """);

    assertThatThrownBy(() -> new GroupByBackfill(CATALOG, groupBy).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-103 " + groupBy.file()
        + ": metaData.outputNamespace: is required to backfill a "
            + "GroupBy. Fix: name the namespace of its daily table, e.g. \"outputNamespace\": \"features\"");
  }

  @Test
  void aStagingQueryFillsMissingDaysRangeByRangeAndFeedsAJoin() throws IOException {
    Loaded<StagingQuery> query = stagingQuery("daily_totals.v1", """
        {"metaData": {"name": "gb.daily_totals.v1", "outputNamespace": "gb_out"},
         "query": "SELECT host, SUM(amount) AS total, MAX(ts) AS ts, ds FROM gb.sales WHERE ds BETWEEN '{{ start_date }}' AND '{{ end_date }}' AND ds <= '{{ max_date(table=gb.sales) }}' GROUP BY host, ds",
         "startPartition": "2023-11-01"}
        """);
    StagingQueryBackfill first = new StagingQueryBackfill(CATALOG, query, DAY_AFTER_THE_DATA);
    StagingQueryBackfillPlan firstPlan = first.plan(new BackfillRange(Optional.empty(), day("2023-11-01"), 30));
    first.run(firstPlan, BackfillListener.NONE);
    StagingQueryBackfill second = new StagingQueryBackfill(CATALOG, query, DAY_AFTER_THE_DATA);
    StagingQueryBackfillPlan secondPlan = second.plan(BackfillRange.all());
    BackfillResult secondResult = second.run(secondPlan, BackfillListener.NONE);

    assertThat(firstPlan.fill().missing()).extracting(Day::toString).containsExactly("2023-11-01");
    // Up to "today", 2023-11-03, which the data does not reach yet: that day stays missing and is reported.
    assertThat(secondPlan.fill().missing()).extracting(Day::toString).containsExactly("2023-11-02", "2023-11-03");
    assertThat(secondResult.emptyPartitions()).extracting(Day::toString).containsExactly("2023-11-03");
    assertThat(rows("SELECT host, total, ds FROM lake.gb_out.gb_daily_totals_v1 ORDER BY ds, host")).containsExactly(
        List.of("h1", 5L, "2023-11-01"), List.of("h1", 7L, "2023-11-02"), List.of("h2", 3L, "2023-11-02"));

    // Its table is a source like any other: here, the left side of a join.
    backfill(join(definitions, "on_staging.v1", """
        {"metaData": {"name": "gb.on_staging.v1", "outputNamespace": "gb_out"},
         "left": {"events": {"table": "gb_out.gb_daily_totals_v1", "query": {"selects": {"host": "host"}}}},
         "joinParts": [{"groupBy": {"metaData": {"name": "gb.hosts.v1"},
           "sources": [{"entities": {"snapshotTable": "gb.hosts", "query": {"selects": {"host": "host", "tier": "tier"}}}}],
           "keyColumns": ["host"]}}]}
        """));
    assertThat(rows("SELECT host, gb_hosts_v1_tier, ds FROM lake.gb_out.gb_on_staging_v1 ORDER BY ds, host"))
        .containsExactly(Arrays.asList("h1", null, "2023-11-01"), List.of("h1", "silver", "2023-11-02"),
            Arrays.asList("h2", null, "2023-11-02"));
  }

  @Test
  void aStagingQueryThatGainsAColumnAddsItToItsTable() throws IOException {
    String v1 = """
        {"metaData": {"name": "gb.evolving.v1", "outputNamespace": "gb_out"},
         "query": "SELECT host, SUM(amount) AS total, ds FROM gb.sales WHERE ds BETWEEN '{{ start_date }}' AND '{{ end_date }}' GROUP BY host, ds",
         "startPartition": "2023-11-01"}
        """;
    StagingQueryBackfill first = new StagingQueryBackfill(CATALOG, stagingQuery("evolving.v1", v1), DAY_AFTER_THE_DATA);
    first.run(first.plan(new BackfillRange(Optional.empty(), day("2023-11-01"), 30)), BackfillListener.NONE);
    String v2 = v1.replace("SUM(amount) AS total,", "SUM(amount) AS total, COUNT(*) AS sales,");
    StagingQueryBackfill second = new StagingQueryBackfill(CATALOG, stagingQuery("evolving.v1", v2), DAY_AFTER_THE_DATA);
    second.run(second.plan(new BackfillRange(Optional.empty(), day("2023-11-02"), 30)), BackfillListener.NONE);

    assertThat(rows("SELECT host, total, sales, ds FROM lake.gb_out.gb_evolving_v1 ORDER BY ds, host")).containsExactly(
        Arrays.asList("h1", 5L, null, "2023-11-01"), List.of("h1", 7L, 1L, "2023-11-02"),
        List.of("h2", 3L, 1L, "2023-11-02"));
  }

  @Test
  void stagingQueryMistakesAreFoundBeforeAnythingRuns() throws IOException {
    assertThatThrownBy(() -> stagingQuery("unknown_macro.v1", """
        {"metaData": {"name": "gb.unknown_macro.v1", "outputNamespace": "gb_out"},
         "query": "SELECT *, ds FROM gb.sales WHERE ds = '{{ today }}'", "startPartition": "2023-11-01"}
        """))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageEndingWith(": query: has the unknown macro {{ today }}. Fix: use {{ start_date }}, {{ end_date }}, "
            + "{{ latest_date }} or {{ max_date(table=namespace.table) }}");

    Loaded<StagingQuery> noDay = stagingQuery("no_day.v1", """
        {"metaData": {"name": "gb.no_day.v1", "outputNamespace": "gb_out"},
         "query": "SELECT host FROM gb.sales WHERE ds = '{{ end_date }}'", "startPartition": "2023-11-01"}
        """);
    assertThatThrownBy(() -> new StagingQueryBackfill(CATALOG, noDay, DAY_AFTER_THE_DATA).plan(BackfillRange.all()))
        .hasMessage("Invalid definition:\n  TM-112 " + noDay.file()
        + ": query: yields no ds column; each row needs its day "
            + "as a yyyy-MM-dd string in ds. Fix: select the day as ds, e.g. \"..., ds FROM ...\" or \"..., "
            + "CAST(day AS STRING) AS ds\"");
    assertThat(CATALOG.tableExists(new TableName("gb_out", "gb_no_day_v1"))).isFalse();
  }

  @Test
  void aStagingQuerysSetupsRunOnceInTheSessionBeforeItsQuery() throws IOException {
    // Without OR REPLACE, the view's statement fails if it runs a second time (the plan runs it, then the run).
    Loaded<StagingQuery> query = stagingQuery("doubled.v1", """
        {"metaData": {"name": "gb.doubled.v1", "outputNamespace": "gb_out"},
         "setups": ["CREATE TEMPORARY VIEW gb_doubled_sales AS SELECT host, amount * 2 AS amount2, ds FROM gb.sales"],
         "query": "SELECT host, SUM(amount2) AS total2, ds FROM gb_doubled_sales WHERE ds BETWEEN '{{ start_date }}' AND '{{ end_date }}' GROUP BY host, ds",
         "startPartition": "2023-11-01"}
        """);
    StagingQueryBackfill backfill = new StagingQueryBackfill(CATALOG, query, DAY_AFTER_THE_DATA);
    backfill.run(backfill.plan(new BackfillRange(Optional.empty(), day("2023-11-02"), 30)), BackfillListener.NONE);

    assertThat(rows("SELECT * FROM lake.gb_out.gb_doubled_v1 ORDER BY ds, host")).containsExactly(
        List.of("h1", 10L, "2023-11-01"), List.of("h1", 14L, "2023-11-02"), List.of("h2", 6L, "2023-11-02"));
  }

  @Test
  void aSetupThatFailsIsAnErrorNamingItAndNothingIsWritten() throws IOException {
    Loaded<StagingQuery> query = stagingQuery("missing_udf.v1", """
        {"metaData": {"name": "gb.missing_udf.v1", "outputNamespace": "gb_out"},
         "setups": ["CREATE TEMPORARY FUNCTION gb_no_such AS 'org.example.NoSuchFunction'"],
         "query": "SELECT host, gb_no_such(amount) AS x, ds FROM gb.sales WHERE ds = '{{ end_date }}'",
         "startPartition": "2023-11-01"}
        """);

    assertThatThrownBy(() -> new StagingQueryBackfill(CATALOG, query, DAY_AFTER_THE_DATA).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-114 " + query.file() + ": setups[0]: failed in Spark: "
            + "[CANNOT_LOAD_FUNCTION_CLASS] Cannot load class org.example.NoSuchFunction when registering the function "
            + "`gb_no_such`, please make sure it is on the classpath. Fix: "
            + "correct the statement; a function's class must be on Spark's class path (spark-submit --jars)");
    assertThat(CATALOG.tableExists(new TableName("gb_out", "gb_missing_udf_v1"))).isFalse();
  }

  private static Loaded<GroupBy> groupBy(String name, String json) throws IOException {
    return DefinitionLoader.loadGroupBy(write("group_bys/gb/" + name, json));
  }

  private static Loaded<StagingQuery> stagingQuery(String name, String json) throws IOException {
    return DefinitionLoader.loadStagingQuery(write("staging_queries/gb/" + name, json));
  }

  private static Path write(String relative, String json) throws IOException {
    Path file = definitions.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return file;
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
