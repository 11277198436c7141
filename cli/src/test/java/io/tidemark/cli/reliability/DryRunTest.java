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
 * {@code plan}, {@code validate}, {@code backfill --dry-run}, {@code label --dry-run}, {@code maintain --dry-run} and
 * {@code log-flatten --dry-run}.
 */
class DryRunTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final String BUILT = "dry_built";
  private static final String[] RANGE = {"--start-ds", "2023-11-01", "--end-ds", "2023-11-06", "--step-days", "3"};
  private static final String NO_CATALOG = ". A plan or dry run only reads, so it created nothing. Fix: pass "
      + "--warehouse with the folder that holds your tables' catalog.db (or --catalog with its catalog file); a new "
      + "warehouse is created by the first command that writes, such as tidemark import";

  @TempDir
  static Path directory;

  /**
   * A dry run: the command, with {@code {join}} for the quickstart join's file and {@code {online}} for an online
   * folder, and what it prints on this JVM's warehouse.
   */
  record DryRun(String name, List<String> args, String output) {
    @Override
    public String toString() {
      return name;
    }

    String[] args(Path join, Path online) {
      return args.stream().map(arg -> arg.replace("{join}", join.toString()).replace("{online}", online.toString()))
          .toArray(String[]::new);
    }
  }

  static Stream<DryRun> dryRuns() {
    return Stream.of(
        new DryRun("plan", List.of("plan", "--conf", "{join}", "--start-ds", "2023-11-01", "--end-ds", "2023-11-06"),
            ""),
        new DryRun("backfill --dry-run", List.of("backfill", "--conf", "{join}", "--dry-run", "--start-ds",
            "2023-11-01", "--end-ds", "2023-11-06"), ""),
        new DryRun("label --dry-run", List.of("label", "--conf", "{join}", "--label-ds", "2023-11-09", "--dry-run"),
            ""),
        new DryRun("maintain --dry-run --conf", List.of("maintain", "--conf", "{join}", "--dry-run"), ""),
        new DryRun("maintain --dry-run --all", List.of("maintain", "--all", "--dry-run"), ""),
        new DryRun("log-flatten --dry-run", List.of("log-flatten", "--conf", "{join}", "--dry-run", "--online-dir",
            "{online}"), ""));
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

    assertThat(run.output()).isEqualTo("No catalog to read in " + warehouse + ": the folder " + warehouse
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

    assertThat(run.output()).isEqualTo("No catalog to read in " + warehouse + ": the catalog file "
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

    assertThat(run.output()).isEqualTo("No catalog to read in " + warehouse + ": the catalog file "
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
    assertThat(run.out().replace(online.toString(), "{online}")).isEqualTo(dryRun.output());
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
