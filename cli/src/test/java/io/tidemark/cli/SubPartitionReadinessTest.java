package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidemark run} checks that a day's inputs have landed before anything runs; a table named with a sub-partition
 * whose column the table lacks can never land, so that is a wrong definition, named where it is written.
 */
class SubPartitionReadinessTest {
  @TempDir
  Path project;

  @Test
  void aSubPartitionColumnTheTableLacksIsReportedWithItsFileAndFieldAndNothingIsWritten() throws IOException {
    SharedSpark.catalog().spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.sp_run");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.sp_run.visits (user_id STRING, ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    SharedSpark.catalog().spark().sql("INSERT INTO lake.sp_run.visits VALUES ('u1', 1698926400000, '2023-11-02')");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.sp_run.purchases (user_id STRING, amount BIGINT, ts BIGINT, "
        + "ds STRING) USING iceberg PARTITIONED BY (ds)");
    SharedSpark.catalog().spark().sql("INSERT INTO lake.sp_run.purchases VALUES ('u1', 5, 1698926400000, "
        + "'2023-11-02')");
    Path join = project.resolve("production/joins/sp/visits.v1");
    Files.createDirectories(join.getParent());
    // Neither table has an hr column.
    Files.writeString(join, """
        {"metaData": {"name": "sp.visits.v1", "outputNamespace": "sp_run"},
         "left": {"events": {"table": "sp_run.visits/hr=00:00", "query": {"selects": {"user_id": "user_id"}}}},
         "joinParts": [{"groupBy": {"metaData": {"name": "sp.spend.v1"},
           "sources": [{"events": {"table": "sp_run.purchases/hr=00:00",
                                   "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
           "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}]}
        """);
    Path projectFile = Files.writeString(project.resolve("tidemark.yaml"), "definitions: production\n");

    CommandRun run = CommandRun.of("run", "--project", projectFile.toString(), "--select", "sp.visits.v1", "--ds",
        "2023-11-02");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("Invalid definitions (2 problems):\n"
        + "  TM-112 " + join + ": left.events.table: table sp_run.visits has no column hr, which the sub-partition suffix "
        + "/hr=00:00 names, so its days can never be found. Fix: add the hr column to sp_run.visits or drop the "
        + "/hr=00:00 suffix\n"
        + "  TM-112 " + join + ": joinParts[0].groupBy.sources[0].events.table: table sp_run.purchases has no column hr, "
        + "which the sub-partition suffix /hr=00:00 names, so its days can never be found. Fix: add the hr column to "
        + "sp_run.purchases or drop the /hr=00:00 suffix\n");
    assertThat(SharedSpark.catalog().tableExists(new TableName("sp_run", "sp_visits_v1"))).isFalse();
    assertThat(project.resolve("target/run_results.json")).doesNotExist();
  }
}
