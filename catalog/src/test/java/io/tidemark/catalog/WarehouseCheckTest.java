package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.TidemarkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What opening an embedded warehouse for reading or for writing does with each state of its folder and catalog file,
 * before Spark starts: create, accept, or refuse with the message a user sees. The commands that meet these states are
 * tested in the cli module (DamagedCatalogTest, DryRunTest); these tests cover the states one by one, in milliseconds.
 */
class WarehouseCheckTest {
  @TempDir
  Path folder;

  @Test
  void aWriterCreatesAMissingWarehouseFolder() {
    Path warehouse = folder.resolve("a/b/warehouse");

    EmbeddedCatalogConfig.at(warehouse).prepare();

    assertThat(warehouse).isEmptyDirectory();
  }

  @Test
  void aReaderRefusesAMissingWarehouseAndCreatesNothing() {
    Path warehouse = folder.resolve("a/warehouse");

    assertThatThrownBy(() -> readOnly(warehouse).prepare())
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-207 No catalog to read in " + warehouse + ": the folder " + warehouse
        + " does not exist. A plan or "
            + "dry run only reads, so it created nothing. Fix: pass --warehouse with the folder that holds your "
            + "tables' catalog.db (or --catalog with its catalog file); a new warehouse is created by the first "
            + "command that writes, such as tidemark import");
    assertThat(folder.resolve("a")).doesNotExist();
  }

  @Test
  void aWriterStartsACatalogInAnEmptyFolderOrOnAnEmptyFileWithoutTables() throws IOException {
    EmbeddedCatalogConfig.at(folder).prepare();
    Files.write(folder.resolve("catalog.db"), new byte[0]);

    EmbeddedCatalogConfig.at(folder).prepare();

    assertThat(folder.resolve("catalog.db")).isEmptyFile();
  }

  @Test
  void aWriterAcceptsADatabaseWhoseCreationStoppedBeforeItsFirstTable() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("catalog.db"));
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = 1");
    }

    assertThatCode(() -> EmbeddedCatalogConfig.at(folder).prepare()).doesNotThrowAnyException();
  }

  @Test
  void anIcebergCatalogIsAcceptedForReadingAndWriting() throws SQLException {
    icebergTables(folder.resolve("catalog.db"));
    tableFolder("data", "checkouts");

    assertThatCode(() -> readOnly(folder).prepare()).doesNotThrowAnyException();
    assertThatCode(() -> EmbeddedCatalogConfig.at(folder).prepare()).doesNotThrowAnyException();
  }

  @Test
  void tableFoldersWithoutACatalogAreRefusedAndNamedForWritersToo() throws IOException {
    tableFolder("data", "checkouts");
    tableFolder("data", "purchases");
    tableFolder("data", "returns");
    tableFolder("quickstart", "training_set");
    Files.createDirectories(folder.resolve("online/store"));

    assertThatThrownBy(() -> EmbeddedCatalogConfig.at(folder).prepare())
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-702 The catalog file " + folder.resolve("catalog.db") + " does not exist, but " + folder
        + " holds 4 "
            + "table folder(s) (data/checkouts, data/purchases, data/returns, ...) that a catalog listed: it was lost, "
            + "and a new one would not know them. Nothing was read or written. Fix: restore "
            + folder.resolve("catalog.db") + " from a backup of the warehouse; to start an empty catalog instead, "
            + "move the table folders out of " + folder);
    assertThat(folder.resolve("catalog.db")).doesNotExist();
  }

  @Test
  void foldersWithoutMetadataFilesAreNoTables() throws IOException {
    Files.createDirectories(folder.resolve("data/checkouts/metadata"));
    Files.createDirectories(folder.resolve("online/logs/join/ds=2023-11-01"));
    Files.writeString(folder.resolve("online/logs/join/schemas.metadata.json"), "{}");

    assertThatCode(() -> EmbeddedCatalogConfig.at(folder).prepare()).doesNotThrowAnyException();
  }

  @Test
  void aReaderRefusesACatalogFileThatHoldsNoCatalogYet() throws IOException {
    Files.write(folder.resolve("catalog.db"), new byte[0]);

    assertThatThrownBy(() -> readOnly(folder).prepare())
        .isInstanceOf(TidemarkException.class)
        .hasMessageStartingWith("TM-207 No catalog to read in " + folder + ": the catalog file "
        + folder.resolve("catalog.db")
            + " is empty (0 bytes). A plan or dry run only reads");
  }

  @Test
  void aCatalogFileThatIsNotSqliteIsRefusedWhatEverTheFolderHolds() throws IOException {
    Files.writeString(folder.resolve("catalog.db"), "SQLite format 2 and then some");

    assertThatThrownBy(() -> EmbeddedCatalogConfig.at(folder).prepare())
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-702 The catalog file " + folder.resolve("catalog.db")
        + " is not a SQLite database (it does not start "
            + "with \"SQLite format 3\"). Nothing was read or written. Fix: restore it from a backup of the warehouse, "
            + "or pass --warehouse with another folder");
  }

  @Test
  void readOnlyOpensTheCatalogFileReadOnlyAndCreatesNoTables() {
    assertThat(readOnly(folder).sparkProperties())
        .containsEntry("spark.sql.catalog.lake.jdbc.open_mode", "65")
        .containsEntry("spark.sql.catalog.lake.jdbc.init-catalog-tables", "false");
    assertThat(EmbeddedCatalogConfig.at(folder).sparkProperties())
        .doesNotContainKeys("spark.sql.catalog.lake.jdbc.open_mode", "spark.sql.catalog.lake.jdbc.init-catalog-tables");
  }

  private static EmbeddedCatalogConfig readOnly(Path warehouse) {
    return EmbeddedCatalogConfig.at(warehouse).withAccess(CatalogAccess.READ_ONLY);
  }

  private void tableFolder(String namespace, String table) {
    try {
      Path metadata = Files.createDirectories(folder.resolve(namespace).resolve(table).resolve("metadata"));
      Files.writeString(metadata.resolve("00000-0.metadata.json"), "{}");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void icebergTables(Path file) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE iceberg_tables (catalog_name VARCHAR(255), table_namespace VARCHAR(255), "
          + "table_name VARCHAR(255), metadata_location VARCHAR(1000), previous_metadata_location VARCHAR(1000))");
    }
  }
}
