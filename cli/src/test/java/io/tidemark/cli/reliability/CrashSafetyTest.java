package io.tidemark.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import io.tidemark.cli.reliability.TableStates.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills a running {@code tidemark backfill} with SIGKILL at chosen points (while computing, between writing a
 * commit's files and switching the catalog to them, right after a commit) and checks what users are promised: the
 * table is exactly as some commit of a clean run left it, nothing else in the catalog changed, a rerun finishes the
 * work and ends equal to a clean run row for row, and a further run has nothing to do. The backfills fill nine days
 * of the quickstart join in three steps; the clean runs they are compared with run uninterrupted in this JVM.
 */
class CrashSafetyTest {
  private static final String[] RANGE = {"--start-ds", "2023-11-01", "--end-ds", "2023-11-09", "--step-days", "3"};
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final TableStates STATES = new TableStates(CATALOG);

  @TempDir
  static Path directory;

  /** The states of a clean build of the full join: absent, then after each of its three steps. */
  private static List<State> freshBuild;
  /**
   * The states of a clean part-add: the join without returns built in three steps, then three recompute steps (the
   * first also evolves the schema, the last also stores the new hash: one commit each).
   */
  private static List<State> partAdd;

  /** What a killed run was doing. */
  enum Operation {
    /** Builds the full join into a new table. */
    BUILD,
    /** Adds the returns part to a join built without it: one recompute commit per step, the schema in the first. */
    PART_ADD,
    /** Filters the left of a built join: the table is archived and the join rebuilt. */
    REBUILD
  }

  /**
   * Where a run is killed: when it prints a line ({@code line}, after {@code delayMillis}), or when it has closed the
   * n-th file of a kind ({@code pauseAt}, e.g. {@code metadata:2}: the second commit's metadata is written and the
   * catalog still points at the first).
   */
  record KillPoint(String description, Operation operation, Optional<String> pauseAt, Predicate<String> line,
      long delayMillis, int expectedState) {
    static KillPoint paused(String description, Operation operation, String pauseAt, int expectedState) {
      return new KillPoint(description, operation, Optional.of(pauseAt), text -> text.startsWith(PausingFileIO.PAUSED),
          0, expectedState);
    }

    static KillPoint onLine(String description, Operation operation, String step, String word, long delayMillis,
        int expectedState) {
      return new KillPoint(description, operation, Optional.empty(),
          text -> text.startsWith("[step " + step + "]") && text.contains(word), delayMillis, expectedState);
    }

    @Override
    public String toString() {
      return operation + ": " + description;
    }
  }

  static Stream<KillPoint> killPoints() {
    return Stream.of(
        KillPoint.onLine("computing the first step", Operation.BUILD, "1/3", "computing", 1500, 0),
        KillPoint.paused("a data file of the first step written", Operation.BUILD, "data:1", 0),
        KillPoint.paused("the first step's manifest list written", Operation.BUILD, "manifest-list:1", 0),
        KillPoint.paused("the new table's metadata written, catalog not switched", Operation.BUILD, "metadata:1", 0),
        KillPoint.onLine("right after the first commit", Operation.BUILD, "1/3", "committed", 0, 1),
        KillPoint.paused("the second step's metadata written, catalog not switched", Operation.BUILD, "metadata:2", 1),
        KillPoint.paused("the third step's manifest list written", Operation.BUILD, "manifest-list:3", 2),
        KillPoint.onLine("right after the last commit", Operation.BUILD, "3/3", "committed", 0, 3),
        KillPoint.onLine("the first recompute step computing", Operation.PART_ADD, "1/3", "computing", 1500, 3),
        KillPoint.paused("the first recompute step, with the schema change, written, catalog not switched",
            Operation.PART_ADD, "metadata:1", 3),
        KillPoint.paused("the second recompute step's metadata written, catalog not switched", Operation.PART_ADD,
            "metadata:2", 4),
        KillPoint.paused("the last recompute step, with the new hash, written but not switched", Operation.PART_ADD,
            "metadata:3", 5),
        KillPoint.paused("archive properties written, table not yet renamed", Operation.REBUILD, "metadata:1", 3),
        KillPoint.onLine("archived, the new table's first step computing", Operation.REBUILD, "1/3", "computing",
            1500, 0));
  }

  @BeforeAll
  static void buildCleanReferences() {
    QuickstartJoin.importData(CATALOG, directory.resolve("data"));
    backfill(QuickstartJoin.FULL, "clean_build");
    freshBuild = STATES.history(QuickstartJoin.output("clean_build"));
    backfill(QuickstartJoin.WITHOUT_RETURNS, "clean_part_add");
    backfill(QuickstartJoin.FULL, "clean_part_add");
    partAdd = STATES.history(QuickstartJoin.output("clean_part_add"));
    assertThat(freshBuild).as("absent, then one state per step").hasSize(4);
    assertThat(partAdd).as("3 steps, then 3 recompute steps").hasSize(7);
    assertThat(partAdd.get(6)).isEqualTo(freshBuild.get(3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("killPoints")
  void aKilledRunLeavesACommittedStateAndARerunFinishesIt(KillPoint point) {
    String namespace = "crash_" + point.operation().name().toLowerCase() + "_" + point.expectedState() + "_"
        + point.pauseAt().map(pause -> pause.replaceAll("[^a-z0-9]", "_")).orElse("line");
    TableName output = QuickstartJoin.output(namespace);
    QuickstartJoin before = switch (point.operation()) {
      case BUILD -> null;
      case PART_ADD -> QuickstartJoin.WITHOUT_RETURNS;
      case REBUILD -> QuickstartJoin.FULL;
    };
    QuickstartJoin after = point.operation() == Operation.REBUILD ? QuickstartJoin.FILTERED_LEFT : QuickstartJoin.FULL;
    if (before != null) {
      backfill(before, namespace);
    }
    Map<String, String> otherTables = STATES.commitsOutside(namespace);

    String paused = killDuring(point, after, namespace);

    List<State> reference = point.operation() == Operation.PART_ADD ? partAdd : freshBuild;
    assertThat(STATES.current(output)).as("the table after the kill").isEqualTo(reference.get(point.expectedState()));
    assertThat(STATES.commitsOutside(namespace)).as("every other table").isEqualTo(otherTables);
    List<TableIdentifier> archives = archives(namespace);
    if (point.operation() == Operation.REBUILD) {
      checkArchiveAfterKill(point, archives);
    } else {
      assertThat(archives).isEmpty();
    }

    backfill(after, namespace);
    assertThat(STATES.rows(output)).as("the table after a rerun").isEqualTo(STATES.rows(QuickstartJoin.output(
        "clean_build")));
    assertThat(STATES.current(output).columns()).isEqualTo(freshBuild.get(3).columns());
    assertThat(archives(namespace)).hasSize(point.operation() == Operation.REBUILD ? 1 : 0);
    if (paused != null) {
      assertThat(Path.of(paused.substring(paused.indexOf("file:") + "file:".length())))
          .as("a file the killed run wrote is left for orphan cleanup").exists();
    }

    State finished = STATES.current(output);
    long snapshot = CATALOG.loadTable(output).orElseThrow().currentSnapshot().snapshotId();
    String again = backfill(after, namespace);
    assertThat(again).contains("Nothing to do for quickstart.training_set.v1");
    assertThat(CATALOG.loadTable(output).orElseThrow().currentSnapshot().snapshotId()).isEqualTo(snapshot);
    assertThat(STATES.current(output)).isEqualTo(finished);
  }

  /**
   * A label run over three label_ds versions (one commit per version, the first also creating the table), killed once
   * the second version's metadata is written and before the catalog points at it: the label table holds exactly the
   * first version, and a range rerun adds the missing two and ends equal to a clean label run.
   */
  @Test
  void aKilledLabelRunKeepsItsCommittedVersionsAndARangeRerunAddsTheRest() {
    String[] versions = {"--start-label-ds", "2023-11-07", "--end-label-ds", "2023-11-09"};
    TableName cleanLabels = new TableName("clean_build", "quickstart_training_set_v1_labels");
    label("clean_build", versions);
    List<State> cleanHistory = STATES.history(cleanLabels);
    assertThat(cleanHistory).as("absent, then one state per version").hasSize(4);

    String namespace = "crash_label";
    backfill(QuickstartJoin.FULL, namespace);
    TableName labels = new TableName(namespace, "quickstart_training_set_v1_labels");
    Map<String, String> otherTables = STATES.commitsOutside(namespace);
    try (TidemarkProcess process = TidemarkProcess.start(PausingFileIO.pausingAt("metadata:2"),
        QuickstartJoin.FULL.processArgs(directory, namespace, "label", versions))) {
      process.awaitLine(line -> line.startsWith(PausingFileIO.PAUSED));
      process.kill();
    }

    assertThat(STATES.current(labels)).isEqualTo(cleanHistory.get(1));
    assertThat(STATES.commitsOutside(namespace)).isEqualTo(otherTables);
    label(namespace, versions);
    assertThat(STATES.rows(labels)).isEqualTo(STATES.rows(cleanLabels));
  }

  private static void label(String namespace, String... range) {
    CommandRun run = QuickstartJoin.FULL.runHere(directory, namespace, "label", range);
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  /** Runs the backfill in a process of its own and kills it at {@code point}; returns the paused-at line, if any. */
  private static String killDuring(KillPoint point, QuickstartJoin version, String namespace) {
    Map<String, String> system = point.pauseAt().map(PausingFileIO::pausingAt).orElse(Map.of());
    try (TidemarkProcess process = TidemarkProcess.start(system,
        version.processArgs(directory, namespace, "backfill", RANGE))) {
      String line = process.awaitLine(point.line());
      sleep(point.delayMillis());
      process.kill();
      return point.pauseAt().isPresent() ? line : null;
    }
  }

  private static void checkArchiveAfterKill(KillPoint point, List<TableIdentifier> archives) {
    if (point.expectedState() == 0) {
      assertThat(archives).hasSize(1);
      Table archive = CATALOG.icebergCatalog().loadTable(archives.get(0));
      assertThat(archive.properties()).containsKey(TableProperties.ARCHIVED_FROM);
      TableName archived = new TableName(archives.get(0).namespace().toString(), archives.get(0).name());
      assertThat(STATES.current(archived)).isEqualTo(freshBuild.get(3));
    } else {
      assertThat(archives).isEmpty();
    }
  }

  private static List<TableIdentifier> archives(String namespace) {
    if (!((SupportsNamespaces) CATALOG.icebergCatalog()).namespaceExists(Namespace.of(namespace))) {
      return List.of();
    }
    return CATALOG.icebergCatalog().listTables(Namespace.of(namespace)).stream()
        .filter(table -> table.name().contains("_archived_")).toList();
  }

  /** Backfills {@code version} into {@code namespace} in this JVM, uninterrupted; returns what it printed. */
  private static String backfill(QuickstartJoin version, String namespace) {
    CommandRun run = version.runHere(directory, namespace, "backfill", RANGE);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out() + run.err();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
