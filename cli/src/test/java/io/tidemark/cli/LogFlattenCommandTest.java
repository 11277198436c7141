package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log-flatten and consistency commands: plans, dry runs, reruns and exit codes. */
class LogFlattenCommandTest {
  static final String JOIN = """
      {"metaData": {"name": "cliflat.training.v1", "outputNamespace": "cliflat"},
       "left": {"events": {"table": "cliflat.requests", "query": {"selects": {"user_id": "user_id", "ts": "ts"}}}},
       "joinParts": [{"groupBy": {"metaData": {"name": "cliflat.spend.v1"},
         "sources": [{"events": {"table": "cliflat.purchases", "query": {"selects": {"user_id": "user_id",
           "amount": "amount"}}}}],
         "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}]}
      """;

  @TempDir
  Path folder;

  @Test
  void flattensOncePrintsThePlanAndDoesNothingOnARerun() throws IOException {
    Path conf = folder.resolve("joins/cliflat/training.v1");
    Files.createDirectories(conf.getParent());
    Files.writeString(conf, JOIN);
    Path online = folder.resolve("online");
    String[] flatten = {"log-flatten", "--conf", conf.toString(), "--online-dir", online.toString()};

    CommandRun empty = CommandRun.of(flatten);
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.out()).isEqualTo("No raw log for cliflat.training.v1 under "
        + online.resolve("logs/cliflat.training.v1") + ": nothing to flatten.\n");

    Path logs = online.resolve("logs/cliflat.training.v1");
    Files.createDirectories(logs.resolve("schemas"));
    Files.createDirectories(logs.resolve("ds=2023-12-01"));
    Files.writeString(logs.resolve("schemas/00000000000000c1.json"), "{\"join\":\"cliflat.training.v1\","
        + "\"schema_hash\":\"00000000000000c1\",\"keys\":[{\"name\":\"user_id\",\"type\":\"string\"}],"
        + "\"values\":[{\"name\":\"cliflat_spend_v1_amount_sum\",\"type\":\"bigint\"}],\"published_at\":1}");
    Files.writeString(logs.resolve("ds=2023-12-01/1701388800000-1-0.jsonl"), "{\"schema_hash\":\"00000000000000c1\","
        + "\"ts\":1701388800000,\"keys\":{\"user_id\":\"5\"},\"values\":{\"cliflat_spend_v1_amount_sum\":3}}\n");

    CommandRun dryRun = CommandRun.of("log-flatten", "--conf", conf.toString(), "--online-dir", online.toString(),
        "--dry-run");
    assertThat(dryRun.exitCode()).isZero();
    assertThat(dryRun.out()).isEqualTo("Flatten the log of cliflat.training.v1 from " + logs + " into "
        + "cliflat.cliflat_training_v1_logged (1 schema version(s))\n"
        + "  schema version 00000000000000c1: add to cliflat.cliflat_training_v1_log_schemas\n"
        + "  create cliflat.cliflat_training_v1_logged with 2 key and value columns\n"
        + "  ds=2023-12-01: write (1 files, 120 bytes)\n"
        + "Dry run: nothing was written.\n");
    assertThat(CommandRun.of("sql", "SHOW TABLES IN cliflat").out()).doesNotContain("cliflat_training_v1_logged");

    CommandRun first = CommandRun.of(flatten);
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).isEqualTo("Flattened 1 record(s) of 1 day(s) into cliflat.cliflat_training_v1_logged "
        + "(0 unparsable line(s) skipped, 1 schema version(s) added).\n");
    assertThat(first.err()).contains("  ds=2023-12-01: write (1 files, 120 bytes)");

    CommandRun again = CommandRun.of(flatten);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).isEqualTo("Flattened nothing into cliflat.cliflat_training_v1_logged: no new raw "
        + "records.\n");
    assertThat(again.err()).contains("  ds=2023-12-01: keep (no new records) (1 files, 120 bytes)");
  }

  @Test
  void consistencyBeforeLogFlattenNamesTheCommandToRun() throws IOException {
    Path conf = folder.resolve("joins/cliflat/other.v1");
    Files.createDirectories(conf.getParent());
    Files.writeString(conf, JOIN.replace("cliflat.training.v1", "cliflat.other.v1"));

    CommandRun run = CommandRun.of("consistency", "--conf", conf.toString(), "--ds", "2023-12-01");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("TM-404 Cannot check the consistency of cliflat.other.v1: its log table "
        + "cliflat.cliflat_other_v1_logged does not exist. Fix: flatten the request log first with tidemark "
        + "log-flatten --conf " + conf + "\n");
  }
}
