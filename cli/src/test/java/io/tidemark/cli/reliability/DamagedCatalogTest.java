package io.tidemark.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A warehouse whose catalog file was lost, truncated, overwritten or damaged, met by the real command in a process of
 * its own (the check runs before Spark starts, so each takes a JVM's start-up): the command exits 1 with a message
 * that names the file and how to restore it, never creates a new catalog over the table folders, and leaves every
 * file byte for byte as it was. Reads, dry runs and writes are refused alike.
 */
class DamagedCatalogTest {
  private static final String LOST = "that a catalog listed: it was lost, and a new one would not know them. Nothing "
      + "was read or written. Fix: restore {warehouse}/catalog.db from a backup of the warehouse; to start an empty "
      + "catalog instead, move the table folders out of {warehouse}";
  private static final String DAMAGED = ". Nothing was read or written. Fix: restore it from a backup of the "
      + "warehouse, or pass --warehouse with another folder";

  @TempDir
  static Path directory;

  /** What is done to a healthy warehouse's catalog file. */
  enum Damage {
    TRUNCATED, DELETED, OVERWRITTEN, ANOTHER_DATABASE, REPLACED_BY_A_FOLDER, CORRUPTED_PAGES;

    void applyTo(Path catalog) {
      try {
        switch (this) {
          case TRUNCATED -> Files.write(catalog, new byte[0]);
          case DELETED -> Files.delete(catalog);
          case OVERWRITTEN -> Files.writeString(catalog, "{\"tables\": [\"data.checkouts\"]}\n");
          case ANOTHER_DATABASE -> {
            Files.delete(catalog);
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + catalog);
                Statement statement = connection.createStatement()) {
              statement.execute("CREATE TABLE notes (text TEXT)");
            }
          }
          case REPLACED_BY_A_FOLDER -> {
            Files.delete(catalog);
            Files.createDirectory(catalog);
          }
          case CORRUPTED_PAGES -> {
            // Keep the 100-byte header and the first page's schema; scribble over the rest.
            long size = Files.size(catalog);
            byte[] noise = new byte[(int) size - 4096];
            Arrays.fill(noise, (byte) 0x5a);
            try (var channel = Files.newByteChannel(catalog, StandardOpenOption.WRITE)) {
              channel.position(4096);
              channel.write(ByteBuffer.wrap(noise));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * A damage, the command run on the damaged warehouse ({@code {join}} names the join over it) and the message, in
   * which {@code {suffix}} stands for the unique suffix of the table's folder.
   */
  record Case(String name, Damage damage, List<String> args, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String empty = "TM-702 The catalog file {warehouse}/catalog.db is empty (0 bytes), but {warehouse} holds 1 table "
        + "folder(s) (data/checkouts-{suffix}) " + LOST;
    return Stream.of(
        new Case("an emptied catalog, backfill --dry-run", Damage.TRUNCATED,
            List.of("backfill", "--conf", "{join}", "--dry-run"), empty),
        new Case("an emptied catalog, backfill", Damage.TRUNCATED, List.of("backfill", "--conf", "{join}"), empty),
        new Case("an emptied catalog, import", Damage.TRUNCATED,
            List.of("import", "--table", "data.more", "--file", "{warehouse}/../none.csv"), empty),
        new Case("an emptied catalog, maintain --all", Damage.TRUNCATED, List.of("maintain", "--all"), empty),
        new Case("a deleted catalog, sql", Damage.DELETED, List.of("sql", "SHOW NAMESPACES"),
            "TM-702 The catalog file {warehouse}/catalog.db does not exist, but {warehouse} holds 1 table folder(s) "
                + "(data/checkouts-{suffix}) " + LOST),
        new Case("a deleted catalog, label --dry-run", Damage.DELETED,
            List.of("label", "--conf", "{join}", "--label-ds", "2023-11-30", "--dry-run"),
            "TM-702 The catalog file {warehouse}/catalog.db does not exist, but {warehouse} holds 1 table folder(s) "
                + "(data/checkouts-{suffix}) " + LOST),
        new Case("an overwritten catalog, plan", Damage.OVERWRITTEN, List.of("plan", "--conf", "{join}"),
            "TM-702 The catalog file {warehouse}/catalog.db is not a SQLite database (it does not start with \"SQLite "
                + "format 3\")" + DAMAGED),
        new Case("another program's database, sql", Damage.ANOTHER_DATABASE, List.of("sql", "SHOW NAMESPACES"),
            "TM-702 The catalog file {warehouse}/catalog.db is a SQLite database without Iceberg's catalog table "
                + "iceberg_tables (it has notes)" + DAMAGED),
        new Case("a folder instead of the catalog, backfill --dry-run", Damage.REPLACED_BY_A_FOLDER,
            List.of("backfill", "--conf", "{join}", "--dry-run"),
            "TM-702 The catalog file {warehouse}/catalog.db is not a file" + DAMAGED),
        new Case("corrupted pages, sql", Damage.CORRUPTED_PAGES, List.of("sql", "SHOW NAMESPACES"),
            "TM-702 The catalog file {warehouse}/catalog.db is damaged: SQLite finds its pages malformed" + DAMAGED),
        new Case("an emptied catalog named by a catalog file, sql", Damage.TRUNCATED,
            List.of("--catalog", "{catalog-file}", "sql", "SHOW NAMESPACES"), empty));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aDamagedCatalogIsRefusedWithTheFileAndTheFixAndNothingChanges(Case damaged) throws IOException {
    Path warehouse = TinyWarehouse.create(directory.resolve(damaged.name().replaceAll("[^a-zA-Z0-9]+", "_")));
    Path join = TinyWarehouse.join(warehouse);
    Path catalogFile = Files.writeString(warehouse.resolveSibling(warehouse.getFileName() + ".properties"),
        "type=embedded\nwarehouse=" + warehouse + "\n");
    damaged.damage().applyTo(warehouse.resolve("catalog.db"));
    WarehouseFiles before = WarehouseFiles.of(warehouse);

    List<String> args = new ArrayList<>();
    if (!damaged.args().contains("--catalog")) {
      args.addAll(List.of("--warehouse", warehouse.toString()));
    }
    damaged.args().forEach(arg -> args.add(arg.replace("{join}", join.toString())
        .replace("{warehouse}", warehouse.toString()).replace("{catalog-file}", catalogFile.toString())));
    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), args.toArray(String[]::new));

    assertThat(run.output().replace(warehouse.toString(), "{warehouse}").replaceAll("checkouts-[0-9a-f]{32}",
        "checkouts-{suffix}")).isEqualTo(damaged.message());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(WarehouseFiles.of(warehouse)).as("the warehouse").isEqualTo(before);
  }
}
