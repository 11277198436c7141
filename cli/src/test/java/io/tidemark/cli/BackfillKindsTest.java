package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tidemark backfill tells joins, GroupBys and staging queries apart by their folder. */
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

  private Path write(String relative, String json) throws IOException {
    Path file = definitions.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return file;
  }
}
