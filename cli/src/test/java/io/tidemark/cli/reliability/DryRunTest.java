package io.tidemark.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans and dry runs create and change nothing: on a warehouse that does not exist (or has no catalog yet) each one
 * says so and what to do, and leaves the folder absent (or as it was); on a real warehouse each one prints its plan
 * and leaves every file and catalog row byte for byte as it was. Every dry run of the command line is here:
 * {@code plan}, {@code validate}, {@code backfill --dry-run}, {@code label --dry-run}, {@code maintain --dry-run},
 * {@code log-flatten --dry-run}, {@code run --dry-run} and {@code upgrade-format --dry-run}.
 */
class DryRunTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final String BUILT = "dry_built";
  private static final String[] RANGE = {"--start-ds", "2023-11-01", "--end-ds", "2023-11-06", "--step-days", "3"};
  /** The plan of adding the returns part to the join built without it, over 2023-11-01..2023-11-06. */
  private static final String PART_ADD_PLAN = """
      Join quickstart.training_set.v1 -> dry_built.quickstart_training_set_v1 (existing table, evolving)
      Decision: part quickstart_returns_v1 added: its columns are added and filled for the rows already written, by \
      rewriting those days
        step 1: recompute columns 2023-11-01..2023-11-06 (6 partition(s))
      Days from: partitions of data.checkouts, 2023-11-01..2023-11-06
      Nothing to fill: every day in range is already in the output.
        quickstart.purchases.v1: 10 column(s), SNAPSHOT aggregations of events
        quickstart.returns.v1: 10 column(s), TEMPORAL aggregations of events
        quickstart.users.v1: 2 column(s), entity snapshot columns as of the previous day
      """;
  private static final String MAINTENANCE_PLAN_TIME = "Maintenance plan at <time> (orphan files older than 3d):\n";
  /** The maintenance of the join's table, built in two steps: two manifests to merge. */
  private static final String JOIN_MAINTENANCE = """
      dry_built.quickstart_training_set_v1 (join; snapshots 7d (last 5 kept), partitions kept, archives 30d, files \
      toward 128.0 MB)
        1. rewrite the data manifests under 8.0 MB into fewer (2 now, <size>)
      """;
  private static final String NO_CATALOG = ". A plan or dry run only reads, so it created nothing. Fix: pass "
      + "--warehouse with the folder that holds your tables' catalog.db (or --catalog with its catalog file); a new "
      + "warehouse is created by the first command that writes, such as tidemark import";

  @TempDir
  static Path directory;

  /**
   * A dry run: the command, with {@code {join}} for the quickstart join's file, {@code {online}} for an online
   * folder and {@code {project}} for a project file over the join's definitions, and what it prints on this JVM's
   * warehouse (with the plan's time and the sizes of manifests masked as {@code <time>} and {@code <size>}): all of
   * it, or, where other test classes' tables may be listed too, its first line, its lines about this class's join and
   * its last line.
   */
  record DryRun(String name, List<String> args, String output, Printed printed) {
    DryRun(String name, List<String> args, String output) {
      this(name, args, output, Printed.EXACTLY);
    }

    @Override
    public String toString() {
      return name;
    }

    String[] args(Path join, Path online) {
      Path project = projectFile(join, online);
      return args.stream().map(arg -> arg.replace("{join}", join.toString()).replace("{online}", online.toString())
          .replace("{project}", project.toString())).toArray(String[]::new);
    }
  }

  /** How much of a dry run's output is known. */
  enum Printed {
    /** Every line. */
    EXACTLY,
    /** The first and last lines, and the lines of this class's tables in between. */
    AMONG_OTHER_TABLES
  }

  static Stream<DryRun> dryRuns() {
    return Stream.of(
        new DryRun("plan", List.of("plan", "--conf", "{join}", "--start-ds", "2023-11-01", "--end-ds", "2023-11-06"),
            PART_ADD_PLAN),
        new DryRun("backfill --dry-run", List.of("backfill", "--conf", "{join}", "--dry-run", "--start-ds",
            "2023-11-01", "--end-ds", "2023-11-06"), PART_ADD_PLAN + "Dry run: nothing was written.\n"),
        new DryRun("label --dry-run", List.of("label", "--conf", "{join}", "--label-ds", "2023-11-09", "--dry-run"),
            """
            Labels of quickstart.training_set.v1 -> dry_built.quickstart_training_set_v1_labels (new table)
              label quickstart.refunds.v1: quickstart_refunds_v1_refund_amt_sum_7d, SUM over the 7 day(s) ending with \
            label_ds
              label quickstart.users.v1: quickstart_users_v1_account_created_ds, quickstart_users_v1_email_verified, \
            the snapshot of label_ds
            To label: 1 version(s) from dry_built.quickstart_training_set_v1
              label_ds 2023-11-09: left days 2023-11-03 (1 with rows)
            Views: dry_built.quickstart_training_set_v1_labeled, dry_built.quickstart_training_set_v1_labeled_latest
            Dry run: nothing was written.
            """),
        new DryRun("maintain --dry-run --conf", List.of("maintain", "--conf", "{join}", "--dry-run"),
            MAINTENANCE_PLAN_TIME + JOIN_MAINTENANCE + "Dry run: nothing was changed.\n"),
        new DryRun("maintain --dry-run --all", List.of("maintain", "--all", "--dry-run"),
            MAINTENANCE_PLAN_TIME + JOIN_MAINTENANCE + "Dry run: nothing was changed.\n", Printed.AMONG_OTHER_TABLES),
        new DryRun("log-flatten --dry-run", List.of("log-flatten", "--conf", "{join}", "--dry-run", "--online-dir",
            "{online}"), """
            Flatten the log of quickstart.training_set.v1 from {online}/logs/quickstart.training_set.v1 into \
            dry_built.quickstart_training_set_v1_logged (1 schema version(s))
              schema version aaaa000000000001: add to dry_built.quickstart_training_set_v1_log_schemas
              create dry_built.quickstart_training_set_v1_logged with 1 key and value columns
              ds=2023-11-05: write (1 files, 97 bytes)
            Dry run: nothing was written.
            """),
        new DryRun("run --dry-run", List.of("run", "--project", "{project}", "--select", "quickstart.training_set.v1",
            "--start-ds", "2023-11-01", "--end-ds", "2023-11-06", "--dry-run"), """
            Join quickstart.training_set.v1 -> dry_built.quickstart_training_set_v1 (existing table, evolving)
            Labels of quickstart.training_set.v1 -> dry_built.quickstart_training_set_v1_labels (new table)
            """),
        new DryRun("upgrade-format --dry-run", List.of("upgrade-format", "--conf", "{join}", "--dry-run"), """
            dry_built.quickstart_training_set_v1: format version 3, kept (already 3 or newer)
            Dry run: nothing was changed.
            """));
  }

  @BeforeAll
  static void buildAJoinWithoutItsReturnsPart() {
    QuickstartJoin.importData(CATALOG, directory.resolve("data"));
    CommandRun built = QuickstartJoin.WITHOUT_RETURNS.runHere(directory, BUILT, "backfill", RANGE);
    assertThat(built.exitCode()).as(built.err()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dryRuns")
  void aDryRunOnAMissingWarehouseSaysSoAndCreatesNothing(DryRun dryRun) {
    Path warehouse = directory.resolve("missing-" + dryRun.name().replaceAll("[^a-z]+", "-")).resolve("warehouse");
    Path join = QuickstartJoin.FULL.writeTo(directory.resolve("definitions"), "quickstart");

    List<String> args = new ArrayList<>(List.of("--warehouse", warehouse.toString()));
    args.addAll(List.of(dryRun.args(join, directory.resolve("no-online"))));
    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), args.toArray(String[]::new));

    assertThat(run.output()).isEqualTo("TM-207 No catalog to read in " + warehouse + ": the folder " + warehouse
        + " does not exist" + NO_CATALOG);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(warehouse).doesNotExist();
    assertThat(warehouse.getParent()).doesNotExist();
  }

  @Test
  void aPlanInAFolderWithoutACatalogLeavesTheFolderEmpty() throws IOException {
    Path warehouse = Files.createDirectories(directory.resolve("empty-folder"));
    Path join = QuickstartJoin.FULL.writeTo(directory.resolve("definitions"), "quickstart");

    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), "--warehouse", warehouse.toString(), "plan",
        "--conf", join.toString());

    assertThat(run.output()).isEqualTo("TM-207 No catalog to read in " + warehouse + ": the catalog file "
        + warehouse.resolve("catalog.db") + " does not exist" + NO_CATALOG);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(warehouse).isEmptyDirectory();
  }

  @Test
  void aDryRunOnAnEmptyCatalogFileWithoutTablesLeavesItEmpty() throws IOException {
    Path warehouse = Files.createDirectories(directory.resolve("empty-catalog"));
    Files.write(warehouse.resolve("catalog.db"), new byte[0]);
    Path join = QuickstartJoin.FULL.writeTo(directory.resolve("definitions"), "quickstart");
    WarehouseFiles before = WarehouseFiles.of(warehouse);

    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), "--warehouse", warehouse.toString(), "backfill",
        "--conf", join.toString(), "--dry-run");

    assertThat(run.output()).isEqualTo("TM-207 No catalog to read in " + warehouse + ": the catalog file "
        + warehouse.resolve("catalog.db") + " is empty (0 bytes)" + NO_CATALOG);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(WarehouseFiles.of(warehouse)).isEqualTo(before);
  }

  @Test
  void validateReadsNoWarehouse() {
    Path warehouse = directory.resolve("validate").resolve("warehouse");
    Path join = QuickstartJoin.FULL.writeTo(directory.resolve("definitions"), "quickstart");

    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), "--warehouse", warehouse.toString(), "validate",
        join.toString());

    assertThat(run.output()).isEqualTo("ok: " + join + " (join quickstart.training_set.v1 -> "
        + "quickstart.quickstart_training_set_v1, 22 feature column(s))");
    assertThat(run.exitCode()).isZero();
    assertThat(warehouse.getParent()).doesNotExist();
  }

  /**
   * On the real warehouse of this JVM: the plan of a part-add (new columns, three MERGE steps), the label plan, the
   * maintenance plan and the flatten plan are printed, and nothing is written.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dryRuns")
  void aDryRunOnARealWarehousePrintsItsPlanAndChangesNothing(DryRun dryRun) {
    Path join = QuickstartJoin.FULL.writeTo(directory, BUILT);
    Path online = writeRawLog();
    WarehouseFiles before = WarehouseFiles.of(TidemarkProcess.sharedWarehouse());
    WarehouseFiles onlineBefore = WarehouseFiles.of(online);

    CommandRun run = CommandRun.of(dryRun.args(join, online));

    assertThat(run.exitCode()).as(run.err()).isZero();
    String printed = masked(run.out().replace(online.toString(), "{online}"));
    if (dryRun.printed() == Printed.EXACTLY) {
      assertThat(printed).isEqualTo(dryRun.output());
    } else {
      List<String> expected = dryRun.output().lines().toList();
      assertThat(printed).startsWith(expected.get(0) + "\n").endsWith(expected.get(expected.size() - 1) + "\n")
          .contains(String.join("\n", expected.subList(1, expected.size() - 1)));
    }
    assertThat(WarehouseFiles.of(online)).as("the online folder").isEqualTo(onlineBefore);
    assertThat(WarehouseFiles.of(TidemarkProcess.sharedWarehouse())).as("the warehouse").isEqualTo(before);
  }

  /**
   * The command in a process of its own, on this JVM's warehouse: Spark opens the catalog file read-only, and the file
   * keeps every byte.
   */
  @Test
  void aDryRunInItsOwnProcessLeavesTheCatalogFileByteForByte() {
    Path join = QuickstartJoin.FULL.writeTo(directory, BUILT);
    WarehouseFiles before = WarehouseFiles.of(TidemarkProcess.sharedWarehouse());

    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), "--warehouse",
        TidemarkProcess.sharedWarehouse().toString(), "backfill", "--conf", join.toString(), "--dry-run",
        "--start-ds", "2023-11-01", "--end-ds", "2023-11-06");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).endsWith(dryRuns().filter(dryRun -> dryRun.name().equals("backfill --dry-run"))
        .findFirst().orElseThrow().output().strip());
    assertThat(WarehouseFiles.of(TidemarkProcess.sharedWarehouse())).as("the warehouse").isEqualTo(before);
  }

  /** {@code output} with the time of a maintenance plan and the sizes of manifests masked. */
  private static String masked(String output) {
    return output.replaceAll("Maintenance plan at [0-9T:.Z-]+ ", "Maintenance plan at <time> ")
        .replaceAll("\\(([0-9]+) now, [0-9.]+ [KMG]?B\\)", "($1 now, <size>)");
  }

  /** A project file beside the definitions of {@code join}, whose online folder is {@code online}. */
  private static Path projectFile(Path join, Path online) {
    Path definitions = join.getParent().getParent().getParent();
    try {
      return Files.writeString(definitions.resolveSibling(definitions.getFileName() + ".yaml"), "definitions: "
          + definitions + "\nonline: " + online + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An online folder with one logged request of 2023-11-05 for the quickstart join. */
  private static Path writeRawLog() {
    Path online = directory.resolve("online");
    Path log = online.resolve("logs/quickstart.training_set.v1");
    try {
      Files.createDirectories(log.resolve("schemas"));
      Files.createDirectories(log.resolve("ds=2023-11-05"));
      Files.writeString(log.resolve("schemas/aaaa000000000001.json"), "{\"schema_hash\": \"aaaa000000000001\", "
          + "\"join\": \"quickstart.training_set.v1\", \"keys\": [{\"name\": \"user_id\", \"type\": \"string\"}], "
          + "\"values\": [], \"published_at\": 1000}");
      Files.writeString(log.resolve("ds=2023-11-05/1699185600000-1-0.jsonl"), "{\"schema_hash\": "
          + "\"aaaa000000000001\", \"ts\": 1699185600000, \"keys\": {\"user_id\": \"5\"}, \"values\": {}}\n");
      return online;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
