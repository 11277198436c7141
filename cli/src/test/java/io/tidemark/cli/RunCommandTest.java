package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * tidemark run over a project of one join (served online, with a label) and its GroupBy, then late data, then the
 * audit and export of what the runs wrote. The tests build on each other, in order, in one warehouse.
 *
 * <p>Requests: r1 (u1, 2023-11-01 10:00), r2 (u1, 2023-11-02 12:00), r3 (u2, 2023-11-02 13:00). Purchases: u1 10 on
 * 2023-11-01 09:00, u1 5 on 2023-11-02 09:00, u2 7 on 2023-11-02 08:00. The part is an unwindowed SNAPSHOT SUM (as
 * of the midnight before the request's day): on 2023-11-02 r2 gets 10 and r3 NULL. The label is the SUM over the
 * labeled day itself (a 1-day window, offsets 1/1): r2 5, r3 7. Uploaded as of the end of 2023-11-02: u1 15, u2 7.
 * Late data: u2 3 on 2023-11-01 10:00, which makes r3 3 once 2023-11-02 is recomputed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunCommandTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OUTPUT = "ops_run.ops_requests_v1";
  private static final String LABELS = OUTPUT + "_labels";
  private static final String GROUP_BY = """
      {"metaData": {"name": "ops.spend.v1", "online": true},
       "sources": [{"events": {"table": "ops_run.purchases",
                               "query": {"selects": {"user_id": "user_id", "amount": "amount"}, "timeColumn": "ts"}}}],
       "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}],
       "accuracy": "SNAPSHOT"}
      """;
  private static final String JOIN = """
      {"metaData": {"name": "ops.requests.v1", "outputNamespace": "ops_run", "online": true},
       "left": {"events": {"table": "ops_run.requests",
                           "query": {"selects": {"request_id": "request_id", "user_id": "user_id", "ts": "ts"},
                                     "timeColumn": "ts"}}},
       "rowIds": ["request_id"],
       "joinParts": [{"groupBy": {"name": "ops.spend.v1"}}],
       "labelPart": {"labels": [{"groupBy": {"metaData": {"name": "ops.spend_day.v1"},
           "sources": [{"events": {"table": "ops_run.purchases",
                                   "query": {"selects": {"user_id": "user_id", "amount": "amount"},
                                             "timeColumn": "ts"}}}],
           "keyColumns": ["user_id"],
           "aggregations": [{"inputColumn": "amount", "operation": "SUM",
                             "windows": [{"length": 1, "timeUnit": "DAYS"}]}]}}],
         "leftStartOffset": 1, "leftEndOffset": 1}}
      """;

  @TempDir
  static Path project;

  private static Path projectFile;
  private static Path results;

  @BeforeAll
  static void createProject() throws IOException {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.ops_run");
    sql("CREATE TABLE lake.ops_run.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.ops_run.requests VALUES ('r1', 'u1', " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01'), "
        + "('r2', 'u1', " + millis("2023-11-02T12:00:00Z") + ", '2023-11-02'), "
        + "('r3', 'u2', " + millis("2023-11-02T13:00:00Z") + ", '2023-11-02')");
    sql("CREATE TABLE lake.ops_run.purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.ops_run.purchases VALUES ('u1', 10, " + millis("2023-11-01T09:00:00Z") + ", '2023-11-01'), "
        + "('u1', 5, " + millis("2023-11-02T09:00:00Z") + ", '2023-11-02'), "
        + "('u2', 7, " + millis("2023-11-02T08:00:00Z") + ", '2023-11-02')");
    write(project.resolve("production/group_bys/ops/spend.v1"), GROUP_BY);
    write(project.resolve("production/joins/ops/requests.v1"), JOIN);
    projectFile = write(project.resolve("tidemark.yaml"), "definitions: production\nonline: online\n");
    results = project.resolve("target/run_results.json");
  }

  @Test
  @Order(1)
  void aDaysRunBackfillsLabelsAndUploadsInDependencyOrderAndWritesTheResults() throws IOException {
    CommandRun run = CommandRun.of("run", "--project", projectFile.toString(), "--select", "ops.*", "--ds",
        "2023-11-02");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Backfilled ops.requests.v1: 2 row(s) in 1 partition(s) of " + OUTPUT)
        .contains("\nLabeled ops.requests.v1: 2 row(s) in 1 version(s) of " + LABELS + " (label_ds 2023-11-02)")
        .contains("\nUploaded ops.spend.v1 version 2023-11-02 to " + project.resolve("online") + ": 2 keys")
        .contains("\nWrote the serving metadata of ops.requests.v1 to ");
    assertThat(sql("SELECT request_id, ops_spend_v1_amount_sum, ds FROM " + OUTPUT + " ORDER BY request_id"))
        .isEqualTo("[[r2,10,2023-11-02], [r3,null,2023-11-02]]");
    assertThat(sql("SELECT request_id, ops_spend_day_v1_amount_sum_1d, label_ds FROM " + LABELS
        + " ORDER BY request_id")).isEqualTo("[[r2,5,2023-11-02], [r3,7,2023-11-02]]");

    JsonNode document = JSON.readTree(results.toFile());
    assertThat(document.get("status").asText()).isEqualTo("success");
    assertThat(document.get("exit_code").asInt()).isZero();
    assertThat(document.get("start_ds").asText()).isEqualTo("2023-11-02");
    JsonNode join = document.get("definitions").get(0);
    assertThat(join.get("name").asText()).isEqualTo("ops.requests.v1");
    assertThat(join.get("steps").findValuesAsText("step")).containsExactly("backfill", "label", "upload-metadata");
    assertThat(join.get("steps").findValuesAsText("status")).containsExactly("done", "done", "done");
    JsonNode backfill = join.get("steps").get(0);
    assertThat(backfill.get("rows").asLong()).isEqualTo(2);
    assertThat(backfill.get("target").asText()).isEqualTo(OUTPUT);
    assertThat(backfill.get("snapshot_ids").get(0).asLong())
        .isEqualTo(table(OUTPUT).currentSnapshot().snapshotId());
    assertThat(join.get("steps").get(1).get("snapshot_ids").get(0).asLong())
        .isEqualTo(table(LABELS).currentSnapshot().snapshotId());
    JsonNode groupBy = document.get("definitions").get(1);
    assertThat(groupBy.get("name").asText()).isEqualTo("ops.spend.v1");
    assertThat(groupBy.get("steps").get(0).get("step").asText()).isEqualTo("upload");
    assertThat(groupBy.get("steps").get(0).get("target").asText()).isEqualTo("ops.spend.v1@2023-11-02");
    assertThat(groupBy.get("steps").get(0).get("rows").asLong()).isEqualTo(2);

    CommandRun fetch = CommandRun.of("fetch", "--online-dir", project.resolve("online").toString(), "--group-by",
        "ops.spend.v1", "-k", "{\"user_id\": \"u1\"}", "--ts", "2023-11-03T00:00:00Z");
    assertThat(fetch.exitCode()).as(fetch.err()).isZero();
    assertThat(JSON.readTree(fetch.out()).get("values").toString()).isEqualTo("{\"amount_sum\":15}");
  }

  @Test
  @Order(2)
  void aDayWhoseInputsHaveNotLandedExitsThreeAfterWaitingAndWritesNothing() throws IOException {
    long snapshot = table(OUTPUT).currentSnapshot().snapshotId();

    CommandRun now = CommandRun.of("run", "--project", projectFile.toString(), "--select", "ops.requests.v1",
        "--ds", "2023-11-03");
    CommandRun waited = CommandRun.of("run", "--project", projectFile.toString(), "--select", "ops.requests.v1",
        "--ds", "2023-11-03", "--wait-for-inputs", "2s");

    assertThat(now.exitCode()).isEqualTo(3);
    assertThat(now.err()).endsWith("Inputs not ready for 2023-11-03:\n"
        + "  ops_run.requests has no partition 2023-11-03 (its latest is 2023-11-02) (needed by ops.requests.v1)\n"
        + "  ops_run.purchases has no partition on or after 2023-11-03 (its latest is 2023-11-02) (needed by "
        + "ops.requests.v1)\n"
        + "Fix: run again once the data has landed, or pass --wait-for-inputs DURATION to wait for it\n");
    assertThat(waited.exitCode()).isEqualTo(3);
    assertThat(waited.err()).contains("Waiting for inputs of 2023-11-03").contains("Inputs not ready for 2023-11-03 "
        + "after waiting 2s:\n");
    assertThat(table(OUTPUT).currentSnapshot().snapshotId()).isEqualTo(snapshot);
    JsonNode document = JSON.readTree(results.toFile());
    assertThat(document.get("status").asText()).isEqualTo("inputs_not_ready");
    assertThat(document.get("exit_code").asInt()).isEqualTo(3);
    assertThat(document.get("definitions").get(0).get("steps").findValuesAsText("status"))
        .containsExactly("skipped", "skipped", "skipped");
  }

  @Test
  @Order(3)
  void backfillOfARangeWithoutLeftPartitionsExitsThree() {
    Path join = project.resolve("production/joins/ops/requests.v1");

    CommandRun run = CommandRun.of("backfill", "--conf", join.toString(), "--start-ds", "2023-12-01");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).isEqualTo("Inputs not ready:\n  TM-601 " + join + ": left.events.table: ops_run.requests has no "
        + "partitions in 2023-12-01.. (it has 2023-11-01..2023-11-02). Fix: choose --start-ds and --end-ds (or the "
        + "left query's startPartition and endPartition) within its partitions, or wait for its data to land\n");
  }

  @Test
  @Order(4)
  void recomputeReplacesExactlyTheFilledDayAndRecordsIt() throws IOException {
    sql("INSERT INTO lake.ops_run.purchases VALUES ('u2', 3, " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01')");

    CommandRun plain = CommandRun.of("run", "--project", projectFile.toString(), "--select", "ops.requests.v1",
        "--ds", "2023-11-02");
    CommandRun recompute = CommandRun.of("run", "--project", projectFile.toString(), "--select", "ops.requests.v1",
        "--ds", "2023-11-02", "--recompute", "--format", "json");

    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(plain.out()).startsWith("Nothing to do for ops.requests.v1: " + OUTPUT + " already has every day in "
        + "range.\n");
    assertThat(recompute.exitCode()).as(recompute.err()).isZero();
    JsonNode document = JSON.readTree(recompute.out());
    assertThat(document.get("recompute").asBoolean()).isTrue();
    JsonNode backfill = document.get("definitions").get(0).get("steps").get(0);
    assertThat(backfill.get("status").asText()).isEqualTo("done");
    assertThat(backfill.get("rows").asLong()).isEqualTo(2);
    assertThat(sql("SELECT request_id, ops_spend_v1_amount_sum, ds FROM " + OUTPUT + " ORDER BY request_id"))
        .isEqualTo("[[r2,10,2023-11-02], [r3,3,2023-11-02]]");
    Snapshot snapshot = table(OUTPUT).currentSnapshot();
    assertThat(backfill.get("snapshot_ids").get(0).asLong()).isEqualTo(snapshot.snapshotId());
    assertThat(snapshot.summary()).containsEntry(TableProperties.ACTION, "recompute")
        .containsEntry(TableProperties.DS_RANGE, "2023-11-02..2023-11-02")
        .containsEntry("deleted-records", "2").containsEntry("added-records", "2")
        .containsKey(TableProperties.COVERAGE);
    assertThat(sql("SELECT count(*) FROM " + LABELS)).isEqualTo("[[2]]");
  }

  @Test
  @Order(5)
  void auditDiffListsTheChangedRowsAsJson() throws IOException {
    Path join = project.resolve("production/joins/ops/requests.v1");
    List<Snapshot> snapshots = snapshots(OUTPUT);
    assertThat(snapshots).hasSize(2);

    CommandRun diff = CommandRun.of("audit", "diff", "--conf", join.toString(), "--from",
        Long.toString(snapshots.get(0).snapshotId()), "--rows", "5", "--format", "json");

    assertThat(diff.exitCode()).as(diff.err()).isZero();
    JsonNode document = JSON.readTree(diff.out());
    assertThat(document.get("table").asText()).isEqualTo(OUTPUT);
    assertThat(document.get("matched_on").toString()).isEqualTo("[\"request_id\",\"ds\"]");
    assertThat(document.get("rows_in_both").asLong()).isEqualTo(2);
    // Both rows were computed again (their provenance names the new run); only r3's value changed.
    assertThat(document.get("rows_changed").asLong()).isEqualTo(2);
    assertThat(document.get("changed_values").get("ops_spend_v1_amount_sum").asLong()).isEqualTo(1);
    JsonNode r3 = document.get("rows").get(1);
    assertThat(r3.get("change").asText()).isEqualTo("changed");
    assertThat(r3.get("key").toString()).isEqualTo("{\"request_id\":\"r3\",\"ds\":\"2023-11-02\"}");
    assertThat(r3.get("values").get("ops_spend_v1_amount_sum").toString()).isEqualTo("{\"from\":null,\"to\":3}");
    assertThat(document.get("rows").get(0).get("values").has("ops_spend_v1_amount_sum")).isFalse();
  }

  @Test
  @Order(6)
  void anyTableIsAuditedByNameAndATagCanBeRemoved() {
    CommandRun history = CommandRun.of("audit", "history", "--table", LABELS, "--format", "csv");
    CommandRun tag = CommandRun.of("audit", "tag", "--table", LABELS, "--name", "labels-v1");
    CommandRun untag = CommandRun.of("audit", "untag", "--table", LABELS, "--name", "labels-v1");
    CommandRun again = CommandRun.of("audit", "untag", "--table", LABELS, "--name", "labels-v1");
    CommandRun noKey = CommandRun.of("audit", "diff", "--table", LABELS, "--from",
        Long.toString(snapshots(LABELS).get(0).snapshotId()));
    CommandRun keyed = CommandRun.of("audit", "diff", "--table", LABELS, "--key", "request_id,label_ds", "--from",
        Long.toString(snapshots(LABELS).get(0).snapshotId()));

    assertThat(history.exitCode()).as(history.err()).isZero();
    List<String> lines = history.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains(",label,").contains(",2023-11-02..2023-11-02,");
    assertThat(tag.exitCode()).as(tag.err()).isZero();
    long labeled = table(LABELS).currentSnapshot().snapshotId();
    assertThat(tag.out()).startsWith("Tagged snapshot " + labeled + " of " + LABELS + " (committed ")
        .endsWith("Read it with: tidemark audit show --table " + LABELS + " --as-of labels-v1\n");
    assertThat(untag.exitCode()).as(untag.err()).isZero();
    assertThat(untag.out()).startsWith("Removed the tag labels-v1 of " + LABELS + " (snapshot " + labeled + ", ");
    assertThat(table(LABELS).refs()).doesNotContainKey("labels-v1");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).isEqualTo("TM-212 Cannot remove the tag labels-v1 of " + LABELS + ": the table has no tag of "
        + "that name. Fix: give one of the table's tags (it has none)\n");
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.err()).startsWith("TM-204 Cannot match the rows of " + LABELS + ": the columns that identify a row "
        + "within its ds are not known for it. Fix: pass --key");
    assertThat(keyed.exitCode()).as(keyed.err()).isZero();
    assertThat(keyed.out()).contains("matched on:      request_id, label_ds, ds\n").contains("rows in both:    2\n");
  }

  @Test
  @Order(7)
  void exportWritesParquetAndCsvThatReadBackRowForRow() throws IOException {
    Path join = project.resolve("production/joins/ops/requests.v1");
    Path parquet = project.resolve("export/parquet");
    Path csv = project.resolve("export/csv");

    CommandRun first = CommandRun.of("export", "--conf", join.toString(), "--as-of",
        Long.toString(snapshots(OUTPUT).get(0).snapshotId()), "--to", parquet.toString());
    CommandRun current = CommandRun.of("export", "--conf", join.toString(), "--format", "csv", "--to",
        csv.toString());
    CommandRun exists = CommandRun.of("export", "--conf", join.toString(), "--to", csv.toString());

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("Exported 2 row(s) of " + OUTPUT + " as of snapshot ");
    try (Stream<Path> files = Files.list(parquet)) {
      assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".parquet")))
          .isNotEmpty();
    }
    assertThat(CATALOG.spark().read().parquet(parquet.toString()).orderBy("request_id")
        .select("request_id", "ops_spend_v1_amount_sum").collectAsList().toString())
        .isEqualTo("[[r2,10], [r3,null]]");
    assertThat(current.exitCode()).as(current.err()).isZero();
    String text;
    try (Stream<Path> files = Files.list(csv)) {
      Path part = files.filter(file -> file.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
      text = Files.readString(part);
    }
    assertThat(text).startsWith("request_id,user_id,ts,ops_spend_v1_amount_sum,tidemark_provenance,ds\n");
    assertThat(exists.exitCode()).isEqualTo(2);
    assertThat(exists.err()).isEqualTo("TM-213 Cannot export to " + csv + ": it exists. Fix: give a new folder; an export "
        + "never overwrites files\n");
  }

  @Test
  @Order(8)
  void planBackfillLabelAndMaintainReportJson() throws IOException {
    Path join = project.resolve("production/joins/ops/requests.v1");

    CommandRun plan = CommandRun.of("plan", "--conf", join.toString(), "--format", "json");
    CommandRun dryRun = CommandRun.of("backfill", "--conf", join.toString(), "--dry-run", "--format", "json");
    CommandRun label = CommandRun.of("label", "--conf", join.toString(), "--label-ds", "2023-11-02", "--dry-run",
        "--format", "json");
    CommandRun maintain = CommandRun.of("maintain", "--conf", join.toString(), "--dry-run", "--format", "json");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    JsonNode planned = JSON.readTree(plan.out()).get("plans").get(0);
    // Only 2023-11-02 was filled; 2023-11-01 is the left's other day.
    assertThat(planned.get("table").asText()).isEqualTo(OUTPUT);
    assertThat(planned.get("table_state").asText()).isEqualTo("existing");
    assertThat(planned.get("missing_days").toString()).isEqualTo("[\"2023-11-01\"]");
    assertThat(planned.get("steps").toString()).isEqualTo("[{\"kind\":\"fill\",\"days\":[\"2023-11-01\"]}]");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(JSON.readTree(dryRun.out()).get("steps").get(0).get("status").asText()).isEqualTo("planned");
    assertThat(label.exitCode()).as(label.err()).isZero();
    assertThat(JSON.readTree(label.out()).get("steps").get(0).get("target").asText()).isEqualTo(LABELS);
    assertThat(maintain.exitCode()).as(maintain.err()).isZero();
    JsonNode maintenance = JSON.readTree(maintain.out());
    assertThat(maintenance.get("dry_run").asBoolean()).isTrue();
    assertThat(maintenance.get("plan").findValuesAsText("table")).contains(OUTPUT, LABELS);
    assertThat(snapshots(OUTPUT)).hasSize(2);
  }

  private static List<Snapshot> snapshots(String name) {
    List<Snapshot> all = new ArrayList<>();
    table(name).snapshots().forEach(all::add);
    return all;
  }

  private static Table table(String name) {
    return CATALOG.loadTable(TableName.parse(name)).orElseThrow();
  }

  private static long millis(String time) {
    return Instant.parse(time).toEpochMilli();
  }

  private static String sql(String statement) {
    return CATALOG.spark().sql(statement).collectAsList().toString();
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
