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
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tidemark audit over a join backfilled in two runs through the command line. Requests (row id request_id) on
 * 2023-11-02: r1 u1 12:00, r2 u2 13:00; on 2023-11-03: r3 u1 09:00. Purchases of u1: 10 on 2023-11-01 09:00 and 5
 * on 2023-11-02 09:00. The unwindowed SNAPSHOT SUM is 10 for r1, NULL for r2 (no purchases) and 15 for r3. Run 1
 * fills 2023-11-02 (r1, r2), run 2 fills 2023-11-03 (r3).
 */
class AuditCommandTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OUTPUT = "audit_cli.audit_requests_v1";
  private static final long R1 = Instant.parse("2023-11-02T12:00:00Z").toEpochMilli();
  private static final long R2 = Instant.parse("2023-11-02T13:00:00Z").toEpochMilli();
  private static final long R3 = Instant.parse("2023-11-03T09:00:00Z").toEpochMilli();
  private static final String JOIN = """
      {"metaData": {"name": "audit.requests.v1", "outputNamespace": "%s"},
       "left": {"events": {"table": "audit_cli.requests",
                           "query": {"selects": {"request_id": "request_id", "user_id": "user_id", "ts": "ts"}}}},
       "rowIds": ["request_id"],
       "joinParts": [{"groupBy": {"metaData": {"name": "audit.spend.v1"},
         "sources": [{"events": {"table": "audit_cli.purchases",
                                 "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
         "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}],
         "accuracy": "SNAPSHOT"}}]}
      """;

  @TempDir
  static Path definitions;

  private static Path join;
  private static Snapshot first;
  private static Snapshot second;

  @BeforeAll
  static void backfillInTwoRuns() throws IOException {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.audit_cli");
    sql("CREATE TABLE lake.audit_cli.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.audit_cli.requests VALUES ('r1', 'u1', " + R1 + ", '2023-11-02'), "
        + "('r2', 'u2', " + R2 + ", '2023-11-02'), "
        + "('r3', 'u1', " + R3 + ", '2023-11-03')");
    sql("CREATE TABLE lake.audit_cli.purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.audit_cli.purchases VALUES "
        + "('u1', 10, " + Instant.parse("2023-11-01T09:00:00Z").toEpochMilli() + ", '2023-11-01'), "
        + "('u1', 5, " + Instant.parse("2023-11-02T09:00:00Z").toEpochMilli() + ", '2023-11-02')");
    join = write("joins/audit/requests.v1", String.format(JOIN, "audit_cli"));

    CommandRun run1 = CommandRun.of("backfill", "--conf", join.toString(), "--end-ds", "2023-11-02");
    CommandRun run2 = CommandRun.of("backfill", "--conf", join.toString());

    assertThat(run1.exitCode()).as(run1.err()).isZero();
    assertThat(run2.exitCode()).as(run2.err()).isZero();
    List<Snapshot> snapshots = ancestorsOldestFirst(CATALOG.loadTable(TableName.parse(OUTPUT)).orElseThrow());
    assertThat(snapshots).hasSize(2);
    first = snapshots.get(0);
    second = snapshots.get(1);
  }

  @Test
  void historyPrintsOneLinePerCommitOldestFirst() {
    CommandRun table = CommandRun.of("audit", "history", "--conf", join.toString());
    CommandRun csv = CommandRun.of("audit", "history", "--conf", join.toString(), "--format", "csv");

    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("History of audit_cli.audit_requests_v1 (2 commit(s), oldest first; times in "
        + "UTC):\nsnapshot_id ").endsWith("(2 rows)\n");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    assertThat(csv.err()).contains("History of audit_cli.audit_requests_v1 (2 commit(s)");
    List<String> lines = csv.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("snapshot_id,committed_at,operation,action,run_id,ds_range,definition_hash,"
        + "added_rows,deleted_rows,tags,coverage");
    assertThat(lines.get(1)).startsWith(first.snapshotId() + "," + Instant.ofEpochMilli(first.timestampMillis())
        + ",append,backfill," + first.summary().get(TableProperties.RUN_ID) + ",2023-11-02..2023-11-02,")
        .endsWith(",2,0,[],audit_spend_v1: 2 computed");
    assertThat(lines.get(2)).startsWith(second.snapshotId() + "," + Instant.ofEpochMilli(second.timestampMillis()))
        .contains(",backfill," + second.summary().get(TableProperties.RUN_ID) + ",2023-11-03..2023-11-03,")
        .endsWith("audit_spend_v1: 1 computed");
  }

  @Test
  void showPrintsTheRowsOfTheFirstRunAsOfItsSnapshot() {
    CommandRun csv = CommandRun.of("audit", "show", "--conf", join.toString(), "--as-of",
        Long.toString(first.snapshotId()), "--format", "csv");
    CommandRun oneDay = CommandRun.of("audit", "show", "--conf", join.toString(), "--as-of", "main", "--ds",
        "2023-11-03");
    CommandRun capped = CommandRun.of("audit", "show", "--conf", join.toString(), "--as-of", "main", "--max-rows", "2");

    assertThat(csv.exitCode()).as(csv.err()).isZero();
    assertThat(csv.err()).contains("audit_cli.audit_requests_v1 as of snapshot " + first.snapshotId()
        + ", committed " + Instant.ofEpochMilli(first.timestampMillis()) + ":");
    String provenance = "{audit_spend_v1_amount_sum: computed " + first.summary().get("tidemark.run-id") + "}";
    assertThat(csv.out()).isEqualTo("request_id,user_id,ts,audit_spend_v1_amount_sum,tidemark_provenance,ds\n"
        + "r1,u1," + R1 + ",10," + provenance + ",2023-11-02\n"
        + "r2,u2," + R2 + ",," + provenance + ",2023-11-02\n");
    assertThat(oneDay.exitCode()).as(oneDay.err()).isZero();
    assertThat(oneDay.out()).startsWith("audit_cli.audit_requests_v1 as of snapshot " + second.snapshotId()
        + " (branch main), committed " + Instant.ofEpochMilli(second.timestampMillis()) + ", ds 2023-11-03:\n")
        // Each column as wide as its header or widest value: request_id 10, user_id 7, ts 13, the sum 25.
        .contains("\n" + String.format("%-10s | %-7s | %-13s | %-25s | {", "r3", "u1", R3, 15))
        .endsWith("(1 row)\n");
    assertThat(capped.out()).contains("\nr1 ").contains("\nr2 ").doesNotContain("\nr3 ").endsWith("(2 rows)\n");
    assertThat(capped.err()).isEqualTo("Only the first 2 rows are shown; pass --ds or --max-rows, or --format jsonl "
        + "for every row.\n");
  }

  @Test
  void showOfAnUnknownPointFailsWithWhatItAccepts() {
    CommandRun run = CommandRun.of("audit", "show", "--conf", join.toString(), "--as-of", "model-v9");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("TM-210 Cannot find 'model-v9' in audit_cli.audit_requests_v1: it is not a snapshot id "
        + "of the table, a time, or a tag or branch of the table. Fix: give a snapshot id (tidemark audit history "
        + "lists them), a time in UTC");
  }

  @Test
  void diffReportsTheRowTheSecondRunAdded() {
    CommandRun run = CommandRun.of("audit", "diff", "--conf", join.toString(), "--from",
        Long.toString(first.snapshotId()));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("Diff of audit_cli.audit_requests_v1:\n"
        + "from:            snapshot " + first.snapshotId() + ", committed "
        + Instant.ofEpochMilli(first.timestampMillis()) + "\n"
        + "to:              snapshot " + second.snapshotId() + " (branch main), committed "
        + Instant.ofEpochMilli(second.timestampMillis()) + "\n"
        + "matched on:      request_id, ds\n"
        // Run 2 added r3 and left r1 and r2 as they were, row ids and sequence numbers included.
        + "computed by:     row lineage: compared 1 row (1 of to, 0 of from) on the row key; 2 rows counted as "
        + "unchanged by their row id and sequence number\n"
        + "rows added:      1\n"
        + "rows removed:    0\n"
        + "rows in both:    2\n"
        + "rows changed:    0\n"
        + "columns added:   none\n"
        + "columns removed: none\n"
        + "changed values:  none\n");
  }

  @Test
  void diffComparesEveryRowWhenAskedAndSaysSoInJson() throws IOException {
    CommandRun run = CommandRun.of("audit", "diff", "--conf", join.toString(), "--from",
        Long.toString(first.snapshotId()), "--compare", "full", "--rows", "5", "--format", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode diff = JSON.readTree(run.out());
    assertThat(diff.get("computed_by").toString()).isEqualTo("{\"method\":\"full_comparison\","
        + "\"reason\":\"a full comparison was asked for\",\"compared_from_rows\":2,\"compared_to_rows\":3,"
        + "\"unchanged_rows\":0}");
    assertThat(diff.get("rows_added").asLong()).isEqualTo(1);
    assertThat(diff.get("rows_in_both").asLong()).isEqualTo(2);
    assertThat(diff.get("rows_changed").asLong()).isZero();
    assertThat(diff.get("rows")).hasSize(1);
    assertThat(diff.get("rows").get(0).get("change").asText()).isEqualTo("added");
    assertThat(diff.get("rows").get(0).get("key").toString()).isEqualTo("{\"request_id\":\"r3\","
        + "\"ds\":\"2023-11-03\"}");
  }

  @Test
  void tagNamesTheCurrentSnapshotAndRefusesANameInUse() {
    CommandRun tagged = CommandRun.of("audit", "tag", "--conf", join.toString(), "--name", "cli-v1", "--retain-days",
        "7");
    CommandRun again = CommandRun.of("audit", "tag", "--conf", join.toString(), "--name", "cli-v1");
    CommandRun noDays = CommandRun.of("audit", "tag", "--conf", join.toString(), "--name", "cli-v2", "--retain-days",
        "0");

    assertThat(tagged.exitCode()).as(tagged.err()).isZero();
    assertThat(tagged.out()).isEqualTo("Tagged snapshot " + second.snapshotId() + " of audit_cli.audit_requests_v1 "
        + "(committed " + Instant.ofEpochMilli(second.timestampMillis()) + ") as cli-v1, kept for 7 day(s).\n"
        + "Read it with: tidemark audit show --conf " + join + " --as-of cli-v1\n");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).isEqualTo("TM-211 Cannot tag audit_cli.audit_requests_v1 as cli-v1: the tag cli-v1 already "
        + "exists, on snapshot " + second.snapshotId() + ". Fix: pick another name; tags are never moved, so cli-v1 "
        + "keeps naming what it names\n");
    assertThat(noDays.exitCode()).isEqualTo(2);
    assertThat(noDays.err()).isEqualTo("TM-201 --retain-days 0 is not a number of days. Fix: pass 1 or more, or leave it "
        + "out to keep the tag until it is removed\n");
    assertThat(CATALOG.loadTable(TableName.parse(OUTPUT)).orElseThrow().refs()).doesNotContainKey("cli-v2");
  }

  @Test
  void archivesListsTheArchivedCopiesOfTheTable() throws IOException {
    sql("CREATE TABLE lake.audit_cli.audit_requests_v1_archived_20261001000000 (x INT) USING iceberg TBLPROPERTIES ("
        + "'tidemark.archived-from' = 'audit_cli.audit_requests_v1', 'tidemark.archived-at' = '2026-10-01T00:00:00Z', "
        + "'tidemark.archive-reason' = 'the left source changed')");
    sql("INSERT INTO lake.audit_cli.audit_requests_v1_archived_20261001000000 VALUES (1), (2)");
    Path unarchived = write("joins/audit_none/requests.v1", String.format(JOIN, "audit_cli_none"));

    CommandRun run = CommandRun.of("audit", "archives", "--conf", join.toString(), "--format", "csv");
    CommandRun none = CommandRun.of("audit", "archives", "--conf", unarchived.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("archive,archived_at,reason,rows\n"
        + "audit_cli.audit_requests_v1_archived_20261001000000,2026-10-01T00:00:00Z,the left source changed,2\n");
    assertThat(none.exitCode()).as(none.err()).isZero();
    assertThat(none.out()).isEqualTo("No archives of audit_cli_none.audit_requests_v1.\n");
  }

  @Test
  void aJoinNotBackfilledYetCannotBeAudited() throws IOException {
    Path missing = write("joins/audit_missing/requests.v1", String.format(JOIN, "audit_cli_missing"));

    CommandRun run = CommandRun.of("audit", "history", "--conf", missing.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("TM-203 Cannot audit audit.requests.v1: its output table "
        + "audit_cli_missing.audit_requests_v1 does not exist. Fix: run tidemark backfill --conf " + missing
        + " first\n");
  }

  @Test
  void auditWithoutASubcommandPrintsItsUsage() {
    CommandRun run = CommandRun.of("audit");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Usage: tidemark audit ").contains("history").contains("archives");
  }

  private static List<Snapshot> ancestorsOldestFirst(Table table) {
    List<Snapshot> snapshots = new ArrayList<>();
    SnapshotUtil.currentAncestors(table).forEach(snapshot -> snapshots.add(0, snapshot));
    return snapshots;
  }

  private static Path write(String relative, String json) throws IOException {
    Path file = definitions.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return file;
  }

  private static void sql(String statement) {
    CATALOG.spark().sql(statement);
  }
}
