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
import org.apache.iceberg.catalog.ViewCatalog;
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
 *
 * <p>Points are chosen by commit points (the n-th file of a kind closed, or a line printed right after a commit). To
 * keep the number of processes down, some reruns are themselves killed: right after their last commit, or, in the
 * chains of {@link #aPartAddKilledAtEachOfItsCommitPointsInTurnEndsEqualToACleanOne} and
 * {@link #aKilledLabelRunKeepsItsCommittedVersionsAndARangeRerunAddsTheRest}, at the next point of the run.
 */
class CrashSafetyTest {
  private static final String[] RANGE = {"--start-ds", "2023-11-01", "--end-ds", "2023-11-09", "--step-days", "3"};
  /** What a backfill's one-line summary, printed after its last commit, starts with. */
  private static final String BACKFILLED = "Backfilled quickstart.training_set.v1: ";
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
    REBUILD,
    /** Labels three label_ds versions of a built join, then writes its two labeled views. */
    LABEL
  }

  /**
   * Where a run is killed: when it prints a line ({@code line}, after {@code delayMillis}), or when it has closed the
   * n-th file of a kind ({@code pauseAt}, e.g. {@code metadata:2}: the second commit's metadata is written and the
   * catalog still points at the first).
   */
  record KillPoint(String description, Operation operation, Optional<String> pauseAt, Predicate<String> line,
      long delayMillis, int expectedState, Rerun rerun) {
    static KillPoint paused(String description, Operation operation, String pauseAt, int expectedState) {
      return new KillPoint(description, operation, Optional.of(pauseAt), text -> text.startsWith(PausingFileIO.PAUSED),
          0, expectedState, Rerun.IN_THIS_JVM);
    }

    static KillPoint onLine(String description, Operation operation, String step, String word, long delayMillis,
        int expectedState) {
      return new KillPoint(description, operation, Optional.empty(),
          text -> text.startsWith("[step " + step + "]") && text.contains(word), delayMillis, expectedState,
          Rerun.IN_THIS_JVM);
    }

    /** Killed once the run has printed the line that starts with {@code summary}: after its last commit. */
    static KillPoint afterTheLastCommit(String description, Operation operation, String summary, int expectedState) {
      return new KillPoint(description, operation, Optional.empty(), text -> text.startsWith(summary), 0,
          expectedState, Rerun.IN_THIS_JVM);
    }

    /** This point, whose rerun runs in a process of its own and is killed right after its last commit. */
    KillPoint rerunKilledAfterItsLastCommit() {
      return new KillPoint(description, operation, pauseAt, line, delayMillis, expectedState,
          Rerun.KILLED_AFTER_ITS_LAST_COMMIT);
    }

    @Override
    public String toString() {
      return operation + ": " + description + (rerun == Rerun.KILLED_AFTER_ITS_LAST_COMMIT
          ? "; the rerun killed after its last commit" : "");
    }
  }

  /** How the run after a kill runs. */
  enum Rerun {
    /** In this JVM, to its end. */
    IN_THIS_JVM,
    /** In a process of its own, killed as it prints its summary: a kill point after the last commit. */
    KILLED_AFTER_ITS_LAST_COMMIT
  }

  static Stream<KillPoint> killPoints() {
    return Stream.of(
        KillPoint.onLine("computing the first step", Operation.BUILD, "1/3", "computing", 1500, 0)
            .rerunKilledAfterItsLastCommit(),
        KillPoint.paused("a data file of the first step written", Operation.BUILD, "data:1", 0),
        KillPoint.paused("the first step's manifest list written", Operation.BUILD, "manifest-list:1", 0),
        KillPoint.paused("the new table's metadata written, catalog not switched", Operation.BUILD, "metadata:1", 0),
        KillPoint.onLine("right after the first commit", Operation.BUILD, "1/3", "committed", 0, 1)
            .rerunKilledAfterItsLastCommit(),
        KillPoint.paused("the second step's metadata written, catalog not switched", Operation.BUILD, "metadata:2", 1)
            .rerunKilledAfterItsLastCommit(),
        KillPoint.paused("the third step's manifest list written", Operation.BUILD, "manifest-list:3", 2)
            .rerunKilledAfterItsLastCommit(),
        KillPoint.onLine("right after the last commit", Operation.BUILD, "3/3", "committed", 0, 3),
        KillPoint.onLine("the first recompute step computing", Operation.PART_ADD, "1/3", "computing", 1500, 3),
        KillPoint.paused("the first recompute step, with the schema change, written, catalog not switched",
            Operation.PART_ADD, "metadata:1", 3).rerunKilledAfterItsLastCommit(),
        KillPoint.paused("the second recompute step's metadata written, catalog not switched", Operation.PART_ADD,
            "metadata:2", 4),
        KillPoint.paused("the last recompute step, with the new hash, written but not switched", Operation.PART_ADD,
            "metadata:3", 5).rerunKilledAfterItsLastCommit(),
        KillPoint.paused("archive properties written, table not yet renamed", Operation.REBUILD, "metadata:1", 3)
            .rerunKilledAfterItsLastCommit(),
        KillPoint.onLine("archived, the new table's first step computing", Operation.REBUILD, "1/3", "computing",
            1500, 0).rerunKilledAfterItsLastCommit());
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
      case LABEL -> throw new IllegalArgumentException("Label runs are killed in their own test: " + point);
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

    if (point.rerun() == Rerun.KILLED_AFTER_ITS_LAST_COMMIT) {
      killDuring(KillPoint.afterTheLastCommit("the rerun's summary printed", point.operation(), BACKFILLED, 3), after,
          namespace);
    } else {
      backfill(after, namespace);
    }
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
   * A part-add (three recompute commits, the first with the schema change, the last with the new hash) killed at each
   * of its commit points in turn, each process a rerun of the one killed before (a rerun recomputes every step, since
   * the table keeps the old hash until the last one): each kill leaves the table as the clean part-add left it at that
   * commit, and a further run has nothing to do.
   */
  @Test
  void aPartAddKilledAtEachOfItsCommitPointsInTurnEndsEqualToACleanOne() {
    String namespace = "crash_recompute_chain";
    TableName output = QuickstartJoin.output(namespace);
    backfill(QuickstartJoin.WITHOUT_RETURNS, namespace);

    killInTurn(QuickstartJoin.FULL, namespace, output, partAdd, "backfill", RANGE, List.of(
        KillPoint.paused("a data file of the first recompute step written", Operation.PART_ADD, "data:1", 3),
        KillPoint.paused("rerun: the first recompute step, with the schema change, written, catalog not switched",
            Operation.PART_ADD, "metadata:1", 3),
        KillPoint.paused("rerun: the first recompute step committed, the second's manifest list written",
            Operation.PART_ADD, "manifest-list:2", 4),
        KillPoint.paused("rerun: two recompute steps committed, the last's metadata, with the new hash, written",
            Operation.PART_ADD, "metadata:3", 5),
        KillPoint.afterTheLastCommit("rerun: the summary printed, after the last commit", Operation.PART_ADD,
            BACKFILLED, 6)));

    assertThat(backfill(QuickstartJoin.FULL, namespace)).contains("Nothing to do for quickstart.training_set.v1");
    assertThat(STATES.rows(output)).isEqualTo(STATES.rows(QuickstartJoin.output("clean_part_add")));
  }

  /**
   * A label run over three label_ds versions (one commit per version, the first also creating the table, then the two
   * views), killed once the second version's metadata is written and before the catalog points at it: the label table
   * holds exactly the first version. Then range reruns are killed in turn at the points of what is left (each kill
   * leaving the versions committed so far, and the views whole or absent), and a last one ends equal to a clean label
   * run.
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

    // Versions 2 and 3 are missing: each of them is a commit, then each view.
    killInTurn(QuickstartJoin.FULL, namespace, labels, cleanHistory, "label", versions, List.of(
        KillPoint.paused("rerun: a data file of the second version written", Operation.LABEL, "data:1", 1),
        KillPoint.paused("rerun: the second version's metadata written, catalog not switched", Operation.LABEL,
            "metadata:1", 1),
        KillPoint.paused("rerun: the second version committed, the third's manifest list written", Operation.LABEL,
            "manifest-list:2", 2)));
    assertThat(views(namespace)).isEmpty();
    // Version 3 is missing: its commit, then each view.
    killInTurn(QuickstartJoin.FULL, namespace, labels, cleanHistory, "label", versions, List.of(
        KillPoint.paused("rerun: the last version committed, the first view's metadata written", Operation.LABEL,
            "metadata:2", 3)));
    assertThat(views(namespace)).isEmpty();
    // Every version is there: a rerun writes the views only.
    killInTurn(QuickstartJoin.FULL, namespace, labels, cleanHistory, "label", versions, List.of(
        KillPoint.paused("rerun: the first view committed, the second's metadata written", Operation.LABEL,
            "metadata:2", 3)));
    assertThat(views(namespace)).containsExactly("quickstart_training_set_v1_labeled");
    killInTurn(QuickstartJoin.FULL, namespace, labels, cleanHistory, "label", versions, List.of(
        KillPoint.afterTheLastCommit("rerun: the summary printed, after the last commit", Operation.LABEL,
            "Nothing to label for quickstart.training_set.v1: ", 3)));
    assertThat(views(namespace)).containsExactly("quickstart_training_set_v1_labeled",
        "quickstart_training_set_v1_labeled_latest");

    label(namespace, versions);
    assertThat(STATES.rows(labels)).isEqualTo(STATES.rows(cleanLabels));
  }

  /**
   * Runs {@code command} of {@code version} in a process killed at each point in turn, each process a rerun of the
   * one killed before it, and checks after each kill that {@code table} is in the point's state of {@code reference}
   * and that no table outside {@code namespace} changed.
   */
  private static void killInTurn(QuickstartJoin version, String namespace, TableName table, List<State> reference,
      String command, String[] args, List<KillPoint> points) {
    for (KillPoint point : points) {
      Map<String, String> otherTables = STATES.commitsOutside(namespace);
      Map<String, String> system = point.pauseAt().map(PausingFileIO::pausingAt).orElse(Map.of());
      try (TidemarkProcess process = TidemarkProcess.start(system,
          version.processArgs(directory, namespace, command, args))) {
        process.awaitLine(point.line());
        process.kill();
      }
      assertThat(STATES.current(table)).as(point.toString()).isEqualTo(reference.get(point.expectedState()));
      assertThat(STATES.commitsOutside(namespace)).as("every other table").isEqualTo(otherTables);
    }
  }

  /** The views of {@code namespace}, by name. */
  private static List<String> views(String namespace) {
    return ((ViewCatalog) CATALOG.icebergCatalog()).listViews(Namespace.of(namespace)).stream()
        .map(TableIdentifier::name).sorted().toList();
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
