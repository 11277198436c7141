package io.tidemark.catalog;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.sqlite.SqliteCatalogDriver;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default catalog, which needs no server: Iceberg's JDBC catalog on a SQLite file inside the warehouse folder,
 * with the table data beside it. Schema version V1 is what gives the JDBC catalog views.
 *
 * <p>SQLite lets one process write the file at a time. A process that finds it locked waits up to
 * {@code lockTimeout} for the lock (SQLite retries meanwhile), then fails with an error that says so.
 */
public record EmbeddedCatalogConfig(String name, Path warehouse, Duration lockTimeout) implements CatalogConfig {
  public static final String DEFAULT_NAME = "lake";
  public static final Path DEFAULT_WAREHOUSE = Path.of("warehouse");
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);
  static final String CATALOG_FILE = "catalog.db";

  public EmbeddedCatalogConfig {
    requireNonNull(name, "name is null");
    checkArgument(name.matches("[a-z][a-z0-9_]*"), "Cannot use catalog name '%s': use lower-case letters, digits, _", name);
    warehouse = requireNonNull(warehouse, "warehouse is null").toAbsolutePath().normalize();
    requireNonNull(lockTimeout, "lockTimeout is null");
    checkArgument(!lockTimeout.isNegative(), "Cannot wait %s for the catalog lock: use 0 or more", lockTimeout);
  }

  public static EmbeddedCatalogConfig at(Path warehouse) {
    return new EmbeddedCatalogConfig(DEFAULT_NAME, warehouse, DEFAULT_LOCK_TIMEOUT);
  }

  /** This catalog, waiting up to {@code timeout} for a lock another process holds on the catalog file. */
  public EmbeddedCatalogConfig withLockTimeout(Duration timeout) {
    return new EmbeddedCatalogConfig(name, warehouse, timeout);
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
    return properties;
  }

  /** The warehouse as a {@code file:} URI, without the trailing slash that {@link Path#toUri} adds for directories. */
  String warehouseUri() {
    String uri = warehouse.toUri().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /** The SQLite file cannot be created in a folder that does not exist. */
  @Override
  public void prepare() {
    try {
      Files.createDirectories(warehouse);
    } catch (IOException e) {
      throw new TidemarkException(ErrorCategory.ENVIRONMENT, "Cannot create the warehouse folder " + warehouse + ": "
          + describe(e) + ". Fix: pass --warehouse with a folder you can write to", e);
    }
    if (!Files.isWritable(warehouse)) {
      throw new TidemarkException(ErrorCategory.ENVIRONMENT, "Cannot write to the warehouse folder " + warehouse
          + ". Fix: pass --warehouse with a folder you can write to, or change the folder's permissions");
    }
  }

  /** A locked or unwritable catalog file, found anywhere in {@code failure}'s causes, explained. */
  @Override
  public Optional<TidemarkException> explain(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
        return Optional.of(new TidemarkException(ErrorCategory.ENVIRONMENT, "The catalog file " + catalogFile()
            + " is locked by another process; gave up after waiting " + lockTimeout.toSeconds() + " s. Nothing was "
            + "written. Fix: run again once the other tidemark run (or the program holding the file) has finished, "
            + "or wait longer with --catalog-lock-timeout", failure));
      }
      if (message.contains("SQLITE_READONLY") || message.contains("SQLITE_CANTOPEN")) {
        return Optional.of(new TidemarkException(ErrorCategory.ENVIRONMENT, "Cannot write the catalog file "
            + catalogFile() + " (" + message + "). Fix: pass --warehouse with a folder you can write to, or change "
            + "the file's permissions", failure));
      }
    }
    return Optional.empty();
  }

  private static String describe(IOException e) {
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
