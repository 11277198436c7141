package io.tidemark.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code tidemark maintain} process killed after its manifest rewrite committed and while its snapshot expiry's
 * metadata is written but not yet switched: every snapshot the table still has reads whole (no file it needs was
 * deleted), the current rows are those of before, and a rerun finishes.
 */
class KilledMaintenanceTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final String NAMESPACE = "crash_maintain";
  private static final TableName OUTPUT = QuickstartJoin.output(NAMESPACE);

  @TempDir
  static Path directory;

  @Test
  void aKilledMaintenanceRunLeavesEverySnapshotReadable() {
    QuickstartJoin.importData(CATALOG, directory.resolve("data"));
    CommandRun backfill = QuickstartJoin.FULL.runHere(directory, NAMESPACE, "backfill", "--start-ds", "2023-11-01",
        "--end-ds", "2023-11-06", "--step-days", "2");
    assertThat(backfill.exitCode()).as(backfill.err()).isZero();
    List<String> rows = contents();
    assertThat(snapshots()).hasSize(3);

    String[] maintain = QuickstartJoin.FULL.processArgs(directory, NAMESPACE, "maintain", "--snapshot-age", "0s",
        "--min-snapshots", "1");
    try (TidemarkProcess process = TidemarkProcess.start(PausingFileIO.pausingAt("metadata:2"), maintain)) {
      process.awaitLine(line -> line.startsWith(PausingFileIO.PAUSED));
      process.kill();
    }

    List<Snapshot> left = snapshots();
    assertThat(left).as("the three fills and the manifest rewrite; the expiry never switched").hasSize(4);
    assertThat(left.get(3).summary()).containsEntry("tidemark.action", "maintain: rewrite manifests");
    for (Snapshot snapshot : left) {
      assertThat(hashOfEveryRow(snapshot.snapshotId())).as("snapshot %d reads", snapshot.snapshotId()).isNotNull();
    }
    assertThat(contents()).isEqualTo(rows);

    CommandRun rerun = QuickstartJoin.FULL.runHere(directory, NAMESPACE, "maintain", "--snapshot-age", "0s",
        "--min-snapshots", "1");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.out()).contains("; 3 snapshot(s) expired;");
    assertThat(snapshots()).hasSize(1);
    assertThat(contents()).isEqualTo(rows);
  }

  private static List<Snapshot> snapshots() {
    Table table = CATALOG.loadTable(OUTPUT).orElseThrow();
    List<Snapshot> snapshots = new ArrayList<>();
    table.snapshots().forEach(snapshots::add);
    return snapshots;
  }

  /** Reads every column of every row of a snapshot, so that a missing data file fails the read. */
  private static Long hashOfEveryRow(long snapshot) {
    return CATALOG.spark().sql("SELECT sum(length(to_json(struct(*)))) FROM " + CATALOG.sqlName(OUTPUT) + " VERSION AS OF "
        + snapshot).first().getLong(0);
  }

  private static List<String> contents() {
    return CATALOG.spark().sql("SELECT * FROM " + CATALOG.sqlName(OUTPUT)).collectAsList().stream()
        .map(Row::toString).sorted().toList();
  }
}
