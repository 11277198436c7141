package io.tidemark.cli.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.sqlite.SQLiteConfig;

/**
 * Everything an embedded warehouse holds, to compare before and after a command that must change nothing: every file
 * under the folder with its size and a checksum of all its bytes, and every row of the catalog's tables (read through
 * a read-only connection). An absent folder is a state too.
 */
record WarehouseFiles(boolean exists, Map<String, String> files, List<String> catalogRows) {
  private static final String CATALOG_FILE = "catalog.db";

  static WarehouseFiles of(Path warehouse) {
    if (!Files.exists(warehouse)) {
      return new WarehouseFiles(false, Map.of(), List.of());
    }
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(warehouse)) {
      for (Path path : paths.toList()) {
        String name = warehouse.relativize(path).toString();
        files.put(name, Files.isDirectory(path) ? "folder" : Files.size(path) + " bytes, crc " + crc(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new WarehouseFiles(true, files, catalogRows(warehouse.resolve(CATALOG_FILE)));
  }

  private static String crc(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(Files.readAllBytes(file));
    return Long.toHexString(crc.getValue());
  }

  /** The rows of Iceberg's catalog tables, when the file is a catalog; empty otherwise. */
  private static List<String> catalogRows(Path catalog) {
    List<String> rows = new ArrayList<>();
    if (!Files.isRegularFile(catalog)) {
      return rows;
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection connection = config.createConnection("jdbc:sqlite:" + catalog);
        Statement statement = connection.createStatement()) {
      for (String table : List.of("iceberg_tables", "iceberg_namespace_properties")) {
        try (ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2, 3")) {
          while (result.next()) {
            StringBuilder row = new StringBuilder(table);
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
              row.append(" | ").append(result.getString(i));
            }
            rows.add(row.toString());
          }
        }
      }
    } catch (SQLException e) {
      rows.add("unreadable: " + e.getMessage());
    }
    return rows;
  }
}
