package io.tidemark.cli.reliability;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.EmbeddedCatalogConfig;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import io.tidemark.cli.reliability.TableStates.State;
import io.tidemark.cli.reliability.TidemarkProcess.Finished;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two schedulers starting the same backfill at once: whichever commits first wins each step, the other finds the step
 * done (or merges again on Iceberg's commit conflict), both end with exit code 0 and say what happened, and the table
 * holds every row once. A reader meanwhile sees only states that a commit left. Runs that must lose a race are held
 * just before their commit with {@link PausingFileIO}, so the race is decided the same way every time.
 */
class ConcurrentRunsTest {
  private static final String[] RANGE = {"--start-ds", "2023-11-01", "--end-ds", "2023-11-09", "--step-days", "3"};
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final TableStates STATES = new TableStates(CATALOG);

  @TempDir
  static Path directory;

  private static List<State> cleanBuild;
  private static List<String> cleanRows;

  @BeforeAll
  static void buildCleanReference() {
    QuickstartJoin.importData(CATALOG, directory.resolve("data"));
    CommandRun clean = QuickstartJoin.FULL.runHere(directory, "concurrent_clean", "backfill", RANGE);
    assertThat(clean.exitCode()).as(clean.err()).isZero();
    cleanBuild = STATES.history(QuickstartJoin.output("concurrent_clean"));
    cleanRows = STATES.rows(QuickstartJoin.output("concurrent_clean"));
    assertThat(cleanRows).hasSize(428);
  }

  @Test
  void aRunThatLosesTheRaceToCreateTheTableFindsEveryStepDone() throws IOException {
    String namespace = "concurrent_create";
    Path release = directory.resolve(namespace + ".release");
    try (TidemarkProcess held = startHeld(namespace, "metadata:1", release)) {
      held.awaitLine(line -> line.startsWith(PausingFileIO.PAUSED));

      CommandRun winner = QuickstartJoin.FULL.runHere(directory, namespace, "backfill", RANGE);
      assertThat(winner.exitCode()).as(winner.err()).isZero();
      assertThat(winner.out()).contains("Backfilled quickstart.training_set.v1: 428 row(s) in 9 partition(s)");

      Files.createFile(release);
      Finished loser = held.awaitExit();
      assertThat(loser.exitCode()).as(loser.output()).isZero();
      assertThat(loser.output())
          .contains("[step 1/3] 2023-11-01..2023-11-03: already committed by another run of the same join; skipped")
          .contains("[step 2/3] 2023-11-04..2023-11-06: already committed by another run of the same join; skipped")
          .contains("[step 3/3] 2023-11-07..2023-11-09: already committed by another run of the same join; skipped")
          .contains("Backfilled quickstart.training_set.v1: 0 row(s) in 0 partition(s) of "
              + QuickstartJoin.output(namespace) + ", 3 step(s) (3 of them committed first by another run of the "
              + "same join)");
    }
    assertThat(STATES.rows(QuickstartJoin.output(namespace))).isEqualTo(cleanRows);
    assertThat(snapshots(QuickstartJoin.output(namespace))).as("the winner's three commits only").isEqualTo(3);
  }

  @Test
  void aMergeThatConflictsWithAnotherRunsCommitLeavesNoDuplicate() throws IOException {
    String namespace = "concurrent_merge";
    CommandRun firstDays = QuickstartJoin.FULL.runHere(directory, namespace, "backfill", "--start-ds", "2023-11-01", "--end-ds", "2023-11-03");
    assertThat(firstDays.exitCode()).as(firstDays.err()).isZero();
    Path release = directory.resolve(namespace + ".release");
    // Held with its first MERGE (2023-11-04..06) written but not committed.
    try (TidemarkProcess held = startHeld(namespace, "metadata:1", release)) {
      held.awaitLine(line -> line.startsWith(PausingFileIO.PAUSED));

      CommandRun winner = QuickstartJoin.FULL.runHere(directory, namespace, "backfill", RANGE);
      assertThat(winner.exitCode()).as(winner.err()).isZero();
      assertThat(winner.out()).contains("296 row(s) in 6 partition(s)");

      Files.createFile(release);
      Finished loser = held.awaitExit();
      assertThat(loser.exitCode()).as(loser.output()).isZero();
      assertThat(loser.output())
          .contains("[step 1/2] 2023-11-04..2023-11-06: already committed by another run of the same join; skipped")
          .contains("[step 2/2] 2023-11-07..2023-11-09: already committed by another run of the same join; skipped");
    }
    assertThat(STATES.rows(QuickstartJoin.output(namespace))).isEqualTo(cleanRows);
    assertThat(snapshots(QuickstartJoin.output(namespace))).as("three steps of two runs").isEqualTo(3);
  }

  /**
   * Two runs of a new join with different --step-days, each held before one of its commits, so that a step of each
   * meets days the other committed: a step whose days are all there is skipped, one whose days are partly there
   * computes only the days still missing, both runs exit 0 and count the rows they wrote, and every row is there once.
   */
  @Test
  void runsWithDifferentStepDaysSkipOrRetryTheDaysTheOtherCommitted() throws IOException {
    String namespace = "concurrent_steps";
    TableName output = QuickstartJoin.output(namespace);
    Path releaseThrees = directory.resolve(namespace + ".threes");
    Path releaseFours = directory.resolve(namespace + ".fours");
    // Steps of three days: 2023-11-01..03 creates the table; held with 04..06 written but not committed.
    try (TidemarkProcess threes = TidemarkProcess.start(PausingFileIO.pausingAt("metadata:2", releaseThrees),
        backfillArgs(namespace, 3))) {
      threes.awaitLine(line -> line.startsWith(PausingFileIO.PAUSED));
      // Steps of four days over the days missing then: 04..07 committed; held with 08..09 written.
      try (TidemarkProcess fours = TidemarkProcess.start(PausingFileIO.pausingAt("metadata:2", releaseFours),
          backfillArgs(namespace, 4))) {
        fours.awaitLine(line -> line.startsWith(PausingFileIO.PAUSED));

        Files.createFile(releaseThrees);
        Finished threesDone = threes.awaitExit();
        assertThat(threesDone.exitCode()).as(threesDone.output()).isZero();
        assertThat(threesDone.output())
            .contains("[step 2/3] 2023-11-04..2023-11-06: already committed by another run of the same join; skipped")
            .contains(String.format("Backfilled quickstart.training_set.v1: %,d row(s) in ", cleanRowsOf("2023-11-01",
                "2023-11-02", "2023-11-03", "2023-11-08", "2023-11-09")))
            .contains(", 3 step(s) (1 of them committed first by another run of the same join)");

        Files.createFile(releaseFours);
        Finished foursDone = fours.awaitExit();
        assertThat(foursDone.exitCode()).as(foursDone.output()).isZero();
        assertThat(foursDone.output())
            .contains("[step 2/2] 2023-11-08..2023-11-09: already committed by another run of the same join; skipped")
            .contains(String.format("Backfilled quickstart.training_set.v1: %,d row(s) in 4 partition(s) of %s, 2 "
                + "step(s) (1 of them committed first by another run of the same join)", cleanRowsOf("2023-11-04",
                "2023-11-05", "2023-11-06", "2023-11-07"), output));
      }
    }
    assertThat(STATES.rows(output)).isEqualTo(cleanRows);
    assertThat(snapshots(output)).as("01..03 and 08..09 by one run, 04..07 by the other").isEqualTo(3);
  }

  @Test
  void twoRunsStartedTogetherLeaveEveryRowOnceAndReadersSeeOnlyCommittedStates() {
    String namespace = "concurrent_together";
    TableName output = QuickstartJoin.output(namespace);
    List<State> seen = new ArrayList<>();
    Finished first;
    Finished second;
    try (TidemarkProcess one = TidemarkProcess.start(Map.of(), backfillArgs(namespace));
        TidemarkProcess two = TidemarkProcess.start(Map.of(), backfillArgs(namespace))) {
      while (one.isAlive() || two.isAlive()) {
        seen.add(STATES.current(output));
      }
      first = one.awaitExit();
      second = two.awaitExit();
    }
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(second.exitCode()).as(second.output()).isZero();
    List<String> rows = STATES.rows(output);
    // The row count first: should it differ, the message stays short enough to show the commits and the runs' steps.
    assertThat(rows.size()).as(() -> "rows after both runs; the commits: " + commits(output) + "\nthe runs: "
        + steps(first) + "\n" + steps(second)).isEqualTo(cleanRows.size());
    assertThat(rows).isEqualTo(cleanRows);
    assertThat(seen).as("reads during the runs").isNotEmpty().allSatisfy(state -> assertThat(cleanBuild).contains(state));
  }

  @Test
  void aLockedCatalogFileIsWaitedForThenReportedClearly() throws SQLException {
    Path warehouse = directory.resolve("locked-warehouse");
    EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(warehouse);
    config.prepare();
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + config.catalogFile());
        Statement statement = lock.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");

      Finished gaveUp = TidemarkProcess.run(Map.of(), "--warehouse", warehouse.toString(), "--catalog-lock-timeout",
          "2", "sql", "SHOW NAMESPACES");

      assertThat(gaveUp.exitCode()).isEqualTo(1);
      assertThat(gaveUp.output()).contains("The catalog file " + config.catalogFile() + " is locked by another "
          + "process; gave up after waiting 2 s. Nothing was written. Fix: run again once the other tidemark run (or "
          + "the program holding the file) has finished, or wait longer with --catalog-lock-timeout");
      statement.execute("COMMIT");
    }
    Finished afterRelease = TidemarkProcess.run(Map.of(), "--warehouse", warehouse.toString(), "sql",
        "SHOW NAMESPACES");
    assertThat(afterRelease.exitCode()).as(afterRelease.output()).isZero();
  }

  private static TidemarkProcess startHeld(String namespace, String pauseAt, Path release) {
    return TidemarkProcess.start(PausingFileIO.pausingAt(pauseAt, release), backfillArgs(namespace));
  }

  private static String[] backfillArgs(String namespace) {
    return QuickstartJoin.FULL.processArgs(directory, namespace, "backfill", RANGE);
  }

  private static String[] backfillArgs(String namespace, int stepDays) {
    return QuickstartJoin.FULL.processArgs(directory, namespace, "backfill", "--start-ds", "2023-11-01", "--end-ds",
        "2023-11-09", "--step-days", Integer.toString(stepDays));
  }

  /** How many rows the clean build has on {@code days}. */
  private static long cleanRowsOf(String... days) {
    return CATALOG.spark().table(CATALOG.sqlName(QuickstartJoin.output("concurrent_clean")))
        .filter(col("ds").isin((Object[]) days)).count();
  }

  /** The table's snapshots, oldest first, with what their summaries say: for a failure's message. */
  private static String commits(TableName table) {
    StringBuilder text = new StringBuilder();
    for (Snapshot snapshot : CATALOG.loadTable(table).orElseThrow().snapshots()) {
      text.append("\n  ").append(snapshot.snapshotId()).append(" after ").append(snapshot.parentId()).append(' ')
          .append(snapshot.operation()).append(' ').append(snapshot.summary());
    }
    return text.toString();
  }

  /** A run's progress lines and its last line. */
  private static String steps(Finished run) {
    return run.output().lines().filter(line -> line.startsWith("[step") || line.startsWith("Backfilled"))
        .collect(Collectors.joining("\n"));
  }

  private static int snapshots(TableName table) {
    int count = 0;
    for (var ignored : CATALOG.loadTable(table).orElseThrow().snapshots()) {
      count++;
    }
    return count;
  }
}
