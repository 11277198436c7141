package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A definition that loads is checked whole before anything is reported: what the engine does not compute and what
 * only the tables show come in one error, so one run lists everything to fix.
 */
class AllProblemsAtOnceTest {
  /** A cumulative left (not computed by the engine) and a part that aggregates a column its table lacks. */
  private static final String JOIN = """
      {"metaData": {"name": "ap.visits.v1", "outputNamespace": "ap_out"},
       "left": {"events": {"table": "ap.visits", "isCumulative": true,
                           "query": {"selects": {"user_id": "user_id", "ts": "ts"}}}},
       "joinParts": [{"groupBy": {"metaData": {"name": "ap.spend.v1"},
         "sources": [{"events": {"table": "ap.purchases",
                                 "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
         "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}]}
      """;

  /** Both problems of {@link #JOIN}, in the order they are found: the definition's, then its tables'. */
  private static final String JOIN_PROBLEMS = "Invalid definitions (2 problems):\n"
      + "  TM-106 <file>: left.events.isCumulative: a cumulative event source cannot be the left side of a join (each "
      + "partition repeats all history). Fix: use a table that holds each day's rows in that day's partition\n"
      + "  TM-114 <file>: joinParts[0].groupBy.sources[0].events.query.selects.amount: column amount does not exist in "
      + "ap.purchases. Fix: use columns of ap.purchases (user_id, price, ts, ds)\n";

  @TempDir
  static Path folder;
  private static Path join;

  @BeforeAll
  static void createTablesAndTheJoin() throws IOException {
    SharedSpark.catalog().spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.ap");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.ap.visits (user_id STRING, ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    SharedSpark.catalog().spark().sql("INSERT INTO lake.ap.visits VALUES ('u1', 1698926400000, '2023-11-02')");
    // No amount column: the part's select cannot resolve.
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.ap.purchases (user_id STRING, price BIGINT, ts BIGINT, "
        + "ds STRING) USING iceberg PARTITIONED BY (ds)");
    join = folder.resolve("joins/ap/visits.v1");
    Files.createDirectories(join.getParent());
    Files.writeString(join, JOIN);
  }

  @Test
  void planReportsWhatTheEngineRefusesAndWhatTheTablesLackInOneError() {
    CommandRun plan = CommandRun.of("plan", "--conf", join.toString());

    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.out()).isEmpty();
    assertThat(plan.err()).isEqualTo(JOIN_PROBLEMS.replace("<file>", join.toString()));
    assertThat(SharedSpark.catalog().tableExists(new TableName("ap_out", "ap_visits_v1"))).isFalse();
  }

  @Test
  void aDryRunReportsThemTheSameWay() {
    CommandRun dryRun = CommandRun.of("backfill", "--conf", join.toString(), "--dry-run");

    assertThat(dryRun.exitCode()).isEqualTo(2);
    assertThat(dryRun.out()).isEmpty();
    assertThat(dryRun.err()).isEqualTo(JOIN_PROBLEMS.replace("<file>", join.toString()));
    assertThat(SharedSpark.catalog().tableExists(new TableName("ap_out", "ap_visits_v1"))).isFalse();
  }

  @Test
  void aGroupByWithoutANamespaceHearsOfItWithWhatItsTableLacks() throws IOException {
    Path groupBy = folder.resolve("group_bys/ap/spend.v1");
    Files.createDirectories(groupBy.getParent());
    Files.writeString(groupBy, """
        {"metaData": {"name": "ap.spend.v1"},
         "sources": [{"events": {"table": "ap.purchases",
                                 "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
         "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}
        """);

    CommandRun plan = CommandRun.of("plan", "--conf", groupBy.toString());

    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.out()).isEmpty();
    assertThat(plan.err()).isEqualTo("Invalid definitions (2 problems):\n"
        + "  TM-103 " + groupBy + ": metaData.outputNamespace: is required to backfill a GroupBy. Fix: name the namespace "
        + "of its daily table, e.g. \"outputNamespace\": \"features\"\n"
        + "  TM-114 " + groupBy + ": sources[0].events.query.selects.amount: column amount does not exist in ap.purchases. "
        + "Fix: use columns of ap.purchases (user_id, price, ts, ds)\n");
  }

  @Test
  void aStagingQueryWithoutAFirstDayHearsOfItWithWhatItsQueryLacks() throws IOException {
    Path staging = folder.resolve("staging_queries/ap/users.v1");
    Files.createDirectories(staging.getParent());
    Files.writeString(staging, """
        {"metaData": {"name": "ap.users.v1", "outputNamespace": "ap_out"},
         "query": "SELECT user_id FROM ap.visits WHERE ds BETWEEN '{{ start_date }}' AND '{{ end_date }}'"}
        """);

    CommandRun dryRun = CommandRun.of("backfill", "--conf", staging.toString(), "--dry-run", "--end-ds",
        "2023-11-02");

    assertThat(dryRun.exitCode()).isEqualTo(2);
    assertThat(dryRun.out()).isEmpty();
    assertThat(dryRun.err()).isEqualTo("Invalid definitions (2 problems):\n"
        + "  TM-103 " + staging + ": startPartition: is required to fill a staging query day by day. Fix: set "
        + "\"startPartition\": \"2023-11-01\", or pass --start-ds\n"
        + "  TM-112 " + staging + ": query: yields no ds column; each row needs its day as a yyyy-MM-dd string in ds. Fix: "
        + "select the day as ds, e.g. \"..., ds FROM ...\" or \"..., CAST(day AS STRING) AS ds\"\n");
    assertThat(SharedSpark.catalog().tableExists(new TableName("ap_out", "ap_users_v1"))).isFalse();
  }
}
