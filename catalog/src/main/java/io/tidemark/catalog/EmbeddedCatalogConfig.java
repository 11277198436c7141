package io.tidemark.catalog;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.sqlite.SqliteCatalogDriver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.exceptions.NotFoundException;

/**
 * The default catalog, which needs no server: Iceberg's JDBC catalog on a SQLite file inside the warehouse folder,
 * with the table data beside it. Schema version V1 is what gives the JDBC catalog views.
 *
 * <p>SQLite lets one process write the file at a time. A process that finds it locked waits up to
 * {@code lockTimeout} for the lock (SQLite retries meanwhile), then fails with an error that says so.
 *
 * <p>With {@link CatalogAccess#READ_ONLY} access the warehouse must hold a catalog already, and SQLite opens its file
 * read-only, so that a plan or dry run cannot write to it even by mistake.
 */
public record EmbeddedCatalogConfig(String name, Path warehouse, Duration lockTimeout, CatalogAccess access)
    implements CatalogConfig {
  public static final String DEFAULT_NAME = "lake";
  public static final Path DEFAULT_WAREHOUSE = Path.of("warehouse");
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);
  static final String CATALOG_FILE = "catalog.db";
  private static final String METADATA_SUFFIX = ".metadata.json";
  /** What precedes the path in Iceberg's message for a file it cannot open. */
  private static final String FILE_NAMED = "file: ";
  /** SQLite's open flags for reading only (SQLITE_OPEN_READONLY with SQLITE_OPEN_URI), as the driver takes them. */
  private static final String SQLITE_READ_ONLY = "65";
  /** What {@code unique-table-location} appends to a table's folder name: a dash and a UUID without its dashes. */
  private static final Pattern UNIQUE_SUFFIX = Pattern.compile("-[0-9a-f]{32}$");

  public EmbeddedCatalogConfig {
    requireNonNull(name, "name is null");
    checkArgument(name.matches("[a-z][a-z0-9_]*"), "Cannot use catalog name '%s': use lower-case letters, digits, _", name);
    warehouse = requireNonNull(warehouse, "warehouse is null").toAbsolutePath().normalize();
    requireNonNull(lockTimeout, "lockTimeout is null");
    checkArgument(!lockTimeout.isNegative(), "Cannot wait %s for the catalog lock: use 0 or more", lockTimeout);
    requireNonNull(access, "access is null");
  }

  /** A catalog that may be written. */
  public EmbeddedCatalogConfig(String name, Path warehouse, Duration lockTimeout) {
    this(name, warehouse, lockTimeout, CatalogAccess.READ_WRITE);
  }

  public static EmbeddedCatalogConfig at(Path warehouse) {
    return new EmbeddedCatalogConfig(DEFAULT_NAME, warehouse, DEFAULT_LOCK_TIMEOUT);
  }

  /** This catalog, waiting up to {@code timeout} for a lock another process holds on the catalog file. */
  public EmbeddedCatalogConfig withLockTimeout(Duration timeout) {
    return new EmbeddedCatalogConfig(name, warehouse, timeout, access);
  }

  @Override
  public EmbeddedCatalogConfig withAccess(CatalogAccess newAccess) {
    return new EmbeddedCatalogConfig(name, warehouse, lockTimeout, newAccess);
  }

  /** The SQLite file that holds the catalog. */
  public Path catalogFile() {
    return warehouse.resolve(CATALOG_FILE);
  }

  @Override
  public Map<String, String> sparkProperties() {
    String prefix = "spark.sql.catalog." + name;
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    properties.put(prefix + ".type", "jdbc");
    SqliteCatalogDriver.register();
    properties.put(prefix + ".uri", SqliteCatalogDriver.URL_PREFIX + catalogFile());
    properties.put(prefix + ".jdbc.schema-version", "V1");
    properties.put(prefix + ".warehouse", warehouseUri());
    // Without caching, Spark hands out the JdbcCatalog itself (a ViewCatalog), and Tidemark reuses that one
    // instance: a second catalog on the same SQLite file in one JVM fails with SQLITE_BUSY.
    properties.put(prefix + ".cache-enabled", "false");
    // Wait for a competing writer (another process) instead of failing at once on a locked database.
    properties.put(prefix + ".jdbc.busy_timeout", Long.toString(lockTimeout.toMillis()));
    // Each new table gets a folder of its own (the name and a unique suffix): a table rebuilt under the name of the
    // one archived before it never shares the archive's data or metadata folders.
    properties.put(prefix + ".unique-table-location", "true");
    if (access == CatalogAccess.READ_ONLY) {
      properties.put(prefix + ".jdbc.open_mode", SQLITE_READ_ONLY);
      properties.put(prefix + ".jdbc.init-catalog-tables", "false");
    }
    return properties;
  }

  /** The warehouse as a {@code file:} URI, without the trailing slash that {@link Path#toUri} adds for directories. */
  String warehouseUri() {
    String uri = warehouse.toUri().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /**
   * Refuses a warehouse whose catalog file is lost or damaged, and one without a catalog when only reading; creates the
   * warehouse folder otherwise, since the SQLite file cannot be created in a folder that does not exist.
   */
  @Override
  public void prepare() {
    WarehouseCheck.check(this);
  }

  /**
   * A locked, damaged or unwritable catalog file, or a table whose current metadata file is missing, found anywhere in
   * {@code failure}'s causes, explained.
   */
  @Override
  public Optional<TidemarkException> explain(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
        return Optional.of(locked(failure));
      }
      if (message.contains("SQLITE_CORRUPT") || message.contains("SQLITE_NOTADB")) {
        return Optional.of(new TidemarkException(ErrorCode.CATALOG_FILE_DAMAGED, "The catalog file " + catalogFile()
            + " is damaged (" + message + "). Fix: restore it from a backup of the warehouse", failure));
      }
      if (cause instanceof NotFoundException && message.contains(METADATA_SUFFIX)) {
        return Optional.of(missingMetadata(message, failure));
      }
      if (message.contains("SQLITE_READONLY") || message.contains("SQLITE_CANTOPEN")) {
        return Optional.of(new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot write the catalog file "
            + catalogFile() + " (" + message + "). Fix: pass --warehouse with a folder you can write to, or change "
            + "the file's permissions", failure));
      }
    }
    return Optional.empty();
  }

  /** The catalog file stayed locked by another process for longer than the lock timeout. */
  TidemarkException locked(Throwable failure) {
    return new TidemarkException(ErrorCode.CATALOG_LOCKED, "The catalog file " + catalogFile() + " is locked by "
        + "another process; gave up after waiting " + lockTimeout.toSeconds() + " s. Nothing was written. Fix: run "
        + "again once the other tidemark run (or the program holding the file) has finished, or wait longer with "
        + "--catalog-lock-timeout", failure);
  }

  /**
   * A table whose current metadata file, which the catalog points at, is gone: named by its folder under the
   * warehouse ({@code <namespace>/<table>-<unique suffix>/metadata/<file>}).
   */
  private TidemarkException missingMetadata(String message, Throwable failure) {
    int end = message.indexOf(METADATA_SUFFIX) + METADATA_SUFFIX.length();
    int named = message.lastIndexOf(FILE_NAMED, end);
    String location = message.substring(named < 0 ? message.lastIndexOf(' ', end) + 1 : named + FILE_NAMED.length(),
        end);
    Path file = Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location);
    Path metadata = file.getParent();
    String table = "A table";
    if (metadata != null && metadata.getParent() != null && metadata.getParent().getParent() != null
        && metadata.startsWith(warehouse)) {
      table = "Table " + metadata.getParent().getParent().getFileName() + "."
          + UNIQUE_SUFFIX.matcher(metadata.getParent().getFileName().toString()).replaceFirst("");
    }
    return new TidemarkException(ErrorCode.METADATA_FILE_MISSING, table + " cannot be read: its current metadata file "
        + file + ", which the catalog file " + catalogFile() + " points at, is missing. Nothing was written. Fix: "
        + "restore the file from a backup of the warehouse (the table's earlier metadata files are beside it in "
        + metadata + ")", failure);
  }

  static String describe(IOException e) {
    if (e instanceof FileAlreadyExistsException) {
      return "it exists and is not a folder";
    }
    if (e instanceof FileSystemException file && file.getReason() != null) {
      return file.getReason();
    }
    return e.toString();
  }

  @Override
  public String describe() {
    return "embedded catalog '" + name + "' in " + warehouse;
  }

  @Override
  public FileDeletion fileDeletion() {
    return FileDeletion.BY_TIDEMARK;
  }

  @Override
  public Optional<CatalogTags> openCatalogTags() {
    return Optional.empty();
  }

  @Override
  public Optional<Path> localFolder() {
    return Optional.of(warehouse);
  }

  @Override
  public SnapshotHistory snapshotHistory() {
    return SnapshotHistory.ALL_SNAPSHOTS;
  }
}
