package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tidemark backfill tells joins, GroupBys and staging queries apart by their folder, and reports what it did. */
class BackfillKindsTest {
  @TempDir
  Path definitions;

  @Test
  void backfillsAStagingQueryAndThenAGroupByOverItsTable() throws IOException {
    SharedSpark.catalog().spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.kinds_cli");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.kinds_cli.clicks (user_id STRING, ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    // 2023-11-01 00:00 UTC is 1698796800000.
    SharedSpark.catalog().spark().sql("INSERT INTO lake.kinds_cli.clicks VALUES ('a', 1698796800000, '2023-11-01'), "
        + "('a', 1698800400000, '2023-11-01'), ('b', 1698883200000, '2023-11-02')");
    Path staging = write("staging_queries/kinds/clicks_per_hour.v1", """
        {"metaData": {"name": "kinds.clicks_per_hour.v1", "outputNamespace": "kinds_cli"},
         "query": "SELECT user_id, ts, 1 AS clicks, ds FROM kinds_cli.clicks WHERE ds BETWEEN '{{ start_date }}' AND '{{ end_date }}'",
         "startPartition": "2023-11-01"}
        """);
    Path groupBy = write("group_bys/kinds/clicks.v1", """
        {"metaData": {"name": "kinds.clicks.v1", "outputNamespace": "kinds_cli"},
         "sources": [{"events": {"table": "kinds_cli.kinds_clicks_per_hour_v1",
                                 "query": {"selects": {"user_id": "user_id", "clicks": "clicks"}}}}],
         "keyColumns": ["user_id"],
         "aggregations": [{"inputColumn": "clicks", "operation": "SUM"}]}
        """);

    CommandRun stagingRun = CommandRun.of("backfill", "--conf", staging.toString(), "--end-ds", "2023-11-02");
    CommandRun groupByRun = CommandRun.of("backfill", "--conf", groupBy.toString());

    assertThat(stagingRun.exitCode()).as(stagingRun.err()).isZero();
    assertThat(stagingRun.out()).startsWith("Backfilled kinds.clicks_per_hour.v1: 3 row(s) in 2 partition(s) of "
        + "kinds_cli.kinds_clicks_per_hour_v1");
    assertThat(groupByRun.exitCode()).as(groupByRun.err()).isZero();
    // End of day 1: a has 2 clicks; end of day 2: a still 2 (unwindowed), b 1.
    assertThat(CommandRun.of("sql", "SELECT user_id, clicks_sum, ds FROM kinds_cli.kinds_clicks_v1 ORDER BY ds, user_id",
        "--format", "csv").out()).isEqualTo("user_id,clicks_sum,ds\na,2,2023-11-01\na,2,2023-11-02\nb,1,2023-11-02\n");
  }

  @Test
  void aBootstrappedJoinPrintsWhereItsValuesCameFromAndRecordsItInTheCommit() throws IOException {
    SharedSpark.catalog().spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.boot_cli");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.boot_cli.requests (request_id STRING, user_id STRING, "
        + "ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    // Day 2023-11-02: r1 at 12:00 and r2 at 13:00; one purchase of 10 by u1 at 09:00 the day before.
    SharedSpark.catalog().spark().sql("INSERT INTO lake.boot_cli.requests VALUES "
        + "('r1', 'u1', 1698926400000, '2023-11-02'), ('r2', 'u1', 1698930000000, '2023-11-02')");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.boot_cli.purchases (user_id STRING, amount BIGINT, "
        + "ts BIGINT, ds STRING) USING iceberg");
    SharedSpark.catalog().spark().sql("INSERT INTO lake.boot_cli.purchases VALUES "
        + "('u1', 10, 1698829200000, '2023-11-01')");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.boot_cli.legacy (request_id STRING, total BIGINT, ds STRING) "
        + "USING iceberg");
    SharedSpark.catalog().spark().sql("INSERT INTO lake.boot_cli.legacy VALUES ('r1', 99, '2023-11-02')");
    Path join = write("joins/boot/requests.v1", """
        {"metaData": {"name": "boot.requests.v1", "outputNamespace": "boot_cli"},
         "left": {"events": {"table": "boot_cli.requests"}},
         "joinParts": [{"groupBy": {"metaData": {"name": "boot.spend.v1"},
           "sources": [{"events": {"table": "boot_cli.purchases", "query": {"selects": {"user_id": "user_id",
                                   "amount": "amount"}}}}],
           "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}],
         "rowIds": ["request_id"],
         "bootstrapParts": [{"table": "boot_cli.legacy",
           "query": {"selects": {"request_id": "request_id", "boot_spend_v1_amount_sum": "total"}}}]}
        """);

    CommandRun run = CommandRun.of("backfill", "--conf", join.toString(), "--profile");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("  bootstrap boot_cli.legacy: boot_spend_v1_amount_sum\n")
        .contains("[step 1/1]   boot_spend_v1: 1 computed, 1 from bootstrap boot_cli.legacy\n")
        .containsPattern("Where the run spent its time:\n  stage +seconds +runs\n")
        .containsPattern("\n  plan: analyze +\\d+\\.\\d\\d +1\n")
        .containsPattern("\n  step 1 / coverage counts +\\d+\\.\\d\\d +1\n      spark: ")
        .containsPattern("\n  step 1 / commit +\\d+\\.\\d\\d +1\n");
    // r1 from the legacy table; r2 computed: the purchase of 10 the day before.
    assertThat(CommandRun.of("sql", "SELECT request_id, boot_spend_v1_amount_sum FROM boot_cli.boot_requests_v1 "
        + "ORDER BY request_id", "--format", "csv").out()).isEqualTo("request_id,boot_spend_v1_amount_sum\n"
        + "r1,99\nr2,10\n");
    assertThat(CommandRun.of("sql", "SELECT summary['tidemark.coverage'] AS coverage FROM "
        + "boot_cli.boot_requests_v1.snapshots", "--format", "csv").out()).isEqualTo("coverage\n"
        + "\"{\"\"rows\"\":2,\"\"parts\"\":{\"\"boot_spend_v1\"\":{\"\"computed\"\":1,\"\"sources\"\":"
        + "{\"\"bootstrap boot_cli.legacy\"\":1}}}}\"\n");
  }

  private Path write(String relative, String json) throws IOException {
    Path file = definitions.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return file;
  }
}
