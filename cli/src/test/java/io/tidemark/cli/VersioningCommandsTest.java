package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TableProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tidemark plan prints what a changed definition asks of its table; rehash gets past a hash of another version. */
class VersioningCommandsTest {
  static final String PART = """
      {"groupBy": {"metaData": {"name": "ver.%s.v1"},
        "sources": [{"events": {"table": "ver_cli.purchases", "query": {"selects": {"user_id": "user_id",
                                "amount": "amount"}}}}],
        "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "%s"}]}}""";
  static final String JOIN = """
      {"metaData": {"name": "ver.requests.v1", "outputNamespace": "ver_cli"},
       "left": {"events": {"table": "ver_cli.requests"}},
       "joinParts": [%s],
       "rowIds": ["request_id"]}
      """;

  @TempDir
  Path definitions;

  @Test
  void planPrintsTheDecisionsAndBackfillCarriesThemOut() throws IOException {
    SharedSpark.catalog().spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.ver_cli");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.ver_cli.requests (request_id STRING, user_id STRING, "
        + "ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    // Day 2023-11-02: r1 at 12:00 and r2 at 13:00; purchases of 10 and 4 by u1 the day before.
    SharedSpark.catalog().spark().sql("INSERT INTO lake.ver_cli.requests VALUES "
        + "('r1', 'u1', 1698926400000, '2023-11-02'), ('r2', 'u2', 1698930000000, '2023-11-02')");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.ver_cli.purchases (user_id STRING, amount BIGINT, "
        + "ts BIGINT, ds STRING) USING iceberg");
    SharedSpark.catalog().spark().sql("INSERT INTO lake.ver_cli.purchases VALUES "
        + "('u1', 10, 1698829200000, '2023-11-01'), ('u1', 4, 1698832800000, '2023-11-01')");
    Path join = definitions.resolve("joins/ver/requests.v1");
    Files.createDirectories(join.getParent());
    Files.writeString(join, JOIN.formatted(PART.formatted("spend", "SUM")));
    assertThat(CommandRun.of("backfill", "--conf", join.toString()).exitCode()).isZero();

    Files.writeString(join, JOIN.formatted(PART.formatted("spend", "SUM") + ", " + PART.formatted("top", "MAX")));
    CommandRun plan = CommandRun.of("plan", "--conf", join.toString());
    CommandRun backfill = CommandRun.of("backfill", "--conf", join.toString());

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).startsWith("Join ver.requests.v1 -> ver_cli.ver_requests_v1 (existing table, evolving)\n"
        + "Decision: part ver_top_v1 added: its columns are added and filled for the rows already written, by "
        + "rewriting those days\n"
        + "  step 1: recompute columns 2023-11-02 (1 partition(s))\n");
    assertThat(backfill.exitCode()).as(backfill.err()).isZero();
    assertThat(backfill.err()).contains("[step 1/1] recompute columns 2023-11-02: updated 2 row(s)");
    assertThat(backfill.out()).startsWith("Backfilled ver.requests.v1: 0 row(s) in 0 partition(s) of "
        + "ver_cli.ver_requests_v1, 2 row(s) recomputed, 1 step(s)");
    // u1's purchases the day before: sum 14, max 10; u2 has none.
    assertThat(CommandRun.of("sql", "SELECT request_id, ver_spend_v1_amount_sum, ver_top_v1_amount_max, "
        + "tidemark_provenance['ver_top_v1_amount_max'] LIKE 'computed %' AS computed FROM ver_cli.ver_requests_v1 "
        + "ORDER BY request_id", "--format", "csv").out())
        .isEqualTo("request_id,ver_spend_v1_amount_sum,ver_top_v1_amount_max,computed\nr1,14,10,true\nr2,,,true\n");
  }

  @Test
  void aHashOfAnotherAlgorithmVersionIsRefusedUntilRehashed() throws IOException {
    SharedSpark.catalog().spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.ver_guard");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.ver_guard.requests (request_id STRING, user_id STRING, "
        + "ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    SharedSpark.catalog().spark().sql("INSERT INTO lake.ver_guard.requests VALUES "
        + "('r1', 'u1', 1698926400000, '2023-11-02')");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.ver_guard.purchases (user_id STRING, amount BIGINT, "
        + "ts BIGINT, ds STRING) USING iceberg");
    Path join = definitions.resolve("joins/ver/guarded.v1");
    Files.createDirectories(join.getParent());
    Files.writeString(join, JOIN.formatted(PART.formatted("spend", "SUM")).replace("ver_cli", "ver_guard"));
    assertThat(CommandRun.of("backfill", "--conf", join.toString()).exitCode()).isZero();
    SharedSpark.catalog().loadTable(new TableName("ver_guard", "ver_requests_v1")).orElseThrow().updateProperties()
        .set(TableProperties.SEMANTIC_HASH_VERSION, "0").commit();

    CommandRun refused = CommandRun.of("backfill", "--conf", join.toString());
    CommandRun rehash = CommandRun.of("rehash", "--conf", join.toString());
    CommandRun after = CommandRun.of("backfill", "--conf", join.toString());

    assertThat(refused.exitCode()).isEqualTo(ExitCode.INVALID.code());
    assertThat(refused.err()).contains("computed by algorithm version 0 and this Tidemark computes version 1")
        .contains("run `tidemark rehash --conf " + join + "`");
    assertThat(rehash.exitCode()).as(rehash.err()).isZero();
    assertThat(rehash.out()).startsWith("Stored semantic hash ").contains("(algorithm version 1) on "
        + "ver_guard.ver_requests_v1: {\"left\":\"");
    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(after.out()).startsWith("Nothing to do for ver.requests.v1");
  }
}
