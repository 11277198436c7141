package io.tidemark.catalog;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Looks at an embedded warehouse before Spark opens its catalog, without writing to it. Iceberg's JDBC catalog, opened
 * on a missing or empty SQLite file, silently starts a new, empty catalog. Over a warehouse whose table folders the
 * lost catalog listed, that would report every table as missing and let the next import or backfill create them again
 * over their old files. So a catalog file that is missing, empty or without Iceberg's tables is refused whenever the
 * folder holds table folders; one that is not SQLite or is damaged is always refused; and a read-only open (plans and
 * dry runs) refuses to start a catalog at all.
 */
final class WarehouseCheck {
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final String ICEBERG_TABLES = "iceberg_tables";
  private static final int TABLES_NAMED = 3;
  /**
   * A file whose pages SQLite's check finds broken, or that it cannot even check: said the same either way, since which
   * of the two a damage causes depends on which pages it hit, and the fix is the same.
   */
  private static final String MALFORMED = "is damaged: SQLite finds its pages malformed";

  /** What the catalog file holds. */
  private enum CatalogFile {
    /** No file: a warehouse that was never opened, or whose catalog was deleted. */
    MISSING("does not exist"),
    /** Zero bytes: SQLite would make it a new database. */
    EMPTY("is empty (0 bytes)"),
    /** A SQLite database without any table: a catalog whose creation stopped before its first statement. */
    BLANK("holds no tables"),
    /** Iceberg's catalog tables: what the catalog should be. */
    ICEBERG("");

    private final String description;

    CatalogFile(String description) {
      this.description = description;
    }
  }

  private final EmbeddedCatalogConfig config;

  private WarehouseCheck(EmbeddedCatalogConfig config) {
    this.config = config;
  }

  /** Refuses a warehouse that {@code config} must not open, and creates the folder when it may be written. */
  static void check(EmbeddedCatalogConfig config) {
    new WarehouseCheck(config).check();
  }

  private void check() {
    Path warehouse = config.warehouse();
    boolean readOnly = config.access() == CatalogAccess.READ_ONLY;
    if (!Files.exists(warehouse)) {
      if (readOnly) {
        throw noCatalog("the folder " + warehouse + " does not exist");
      }
      createFolder(warehouse);
      return;
    }
    if (!Files.isDirectory(warehouse)) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot create the warehouse folder " + warehouse
          + ": it exists and is not a folder. Fix: pass --warehouse with a folder you can write to");
    }
    if (!readOnly && !Files.isWritable(warehouse)) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot write to the warehouse folder " + warehouse
          + ". Fix: pass --warehouse with a folder you can write to, or change the folder's permissions");
    }
    CatalogFile file = inspect(readOnly);
    if (file == CatalogFile.ICEBERG) {
      return;
    }
    List<String> tables = tableFolders(warehouse);
    if (!tables.isEmpty()) {
      throw lost(file, tables);
    }
    if (readOnly) {
      throw noCatalog("the catalog file " + config.catalogFile() + " " + file.description);
    }
  }

  /** What the catalog file is; refuses one that is a folder, not SQLite, damaged, or another program's database. */
  private CatalogFile inspect(boolean readOnly) {
    Path file = config.catalogFile();
    if (!Files.exists(file)) {
      return CatalogFile.MISSING;
    }
    if (!Files.isRegularFile(file)) {
      throw damaged("is not a file");
    }
    byte[] header = header(file);
    if (header.length == 0) {
      return CatalogFile.EMPTY;
    }
    if (!Arrays.equals(header, SQLITE_HEADER)) {
      throw damaged("is not a SQLite database (it does not start with \"SQLite format 3\")");
    }
    List<String> sqlTables = new ArrayList<>();
    try (Connection connection = connect(file, readOnly); Statement statement = connection.createStatement()) {
      try (ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
        if (!check.next() || !"ok".equals(check.getString(1))) {
          throw damaged(MALFORMED);
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")) {
        while (rows.next()) {
          sqlTables.add(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      throw unreadable(e);
    }
    if (sqlTables.contains(ICEBERG_TABLES)) {
      return CatalogFile.ICEBERG;
    }
    if (sqlTables.isEmpty()) {
      return CatalogFile.BLANK;
    }
    throw damaged("is a SQLite database without Iceberg's catalog table " + ICEBERG_TABLES + " (it has "
        + String.join(", ", sqlTables) + ")");
  }

  /**
   * A connection that cannot create the file. A writing command opens it for writing, so that SQLite can roll back
   * what a stopped process left half-written, as it does on every open; a read-only one cannot.
   */
  private Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.resetOpenMode(SQLiteOpenMode.CREATE);
    if (readOnly) {
      sqlite.setReadOnly(true);
    }
    sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, config.lockTimeout().toMillis()));
    return sqlite.createConnection("jdbc:sqlite:" + file);
  }

  private static byte[] header(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(SQLITE_HEADER.length);
    } catch (IOException e) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot read the catalog file " + file + ": " + e
          + ". Fix: check the file's permissions", e);
    }
  }

  /** The table (and view) folders under the warehouse: {@code <namespace>/<table>} with a metadata JSON file. */
  static List<String> tableFolders(Path warehouse) {
    try (Stream<Path> files = Files.find(warehouse, 4, (path, attributes) -> attributes.isRegularFile()
        && path.getFileName().toString().endsWith(".metadata.json")
        && path.getParent().getFileName().toString().equals("metadata")
        && warehouse.relativize(path).getNameCount() == 4)) {
      return files.map(path -> warehouse.relativize(path.getParent().getParent()).toString()).distinct().sorted()
          .toList();
    } catch (IOException e) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot list the warehouse folder " + warehouse + ": "
          + e
          + ". Fix: check the folder's permissions", e);
    }
  }

  private static void createFolder(Path warehouse) {
    try {
      Files.createDirectories(warehouse);
    } catch (IOException e) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot create the warehouse folder " + warehouse + ": "
          + EmbeddedCatalogConfig.describe(e) + ". Fix: pass --warehouse with a folder you can write to", e);
    }
  }

  private TidemarkException noCatalog(String reason) {
    return new TidemarkException(ErrorCode.NO_CATALOG, "No catalog to read in " + config.warehouse() + ": "
        + reason + ". A plan or dry run only reads, so it created nothing. Fix: pass --warehouse with the folder that "
        + "holds your tables' catalog.db (or --catalog with its catalog file); a new warehouse is created by the first "
        + "command that writes, such as tidemark import");
  }

  private TidemarkException lost(CatalogFile file, List<String> tables) {
    String named = String.join(", ", tables.subList(0, Math.min(TABLES_NAMED, tables.size())))
        + (tables.size() > TABLES_NAMED ? ", ..." : "");
    return new TidemarkException(ErrorCode.CATALOG_FILE_DAMAGED, "The catalog file " + config.catalogFile() + " "
        + file.description + ", but " + config.warehouse() + " holds " + tables.size() + " table folder(s) (" + named
        + ") that a catalog listed: it was lost, and a new one would not know them. Nothing was read or written. Fix: "
        + "restore " + config.catalogFile() + " from a backup of the warehouse; to start an empty catalog instead, "
        + "move the table folders out of " + config.warehouse());
  }

  private TidemarkException damaged(String problem) {
    return new TidemarkException(ErrorCode.CATALOG_FILE_DAMAGED, "The catalog file " + config.catalogFile() + " "
        + problem
        + ". Nothing was read or written. Fix: restore it from a backup of the warehouse, or pass --warehouse with "
        + "another folder");
  }

  private TidemarkException unreadable(SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
      return config.locked(e);
    }
    if (message.contains("SQLITE_CORRUPT")) {
      return damaged(MALFORMED);
    }
    if (message.contains("SQLITE_READONLY_ROLLBACK")) {
      return new TidemarkException(ErrorCode.CATALOG_FILE_DAMAGED, "The catalog file " + config.catalogFile()
          + " holds a "
          + "write that a stopped process left unfinished (" + config.catalogFile() + "-journal), which a plan or dry "
          + "run, opening the file read-only, cannot roll back. Nothing was written. Fix: run a command that writes "
          + "(any backfill, or tidemark sql \"SHOW NAMESPACES\"), which rolls it back, then this one again", e);
    }
    return damaged("cannot be read as a catalog (" + message + ")");
  }
}
