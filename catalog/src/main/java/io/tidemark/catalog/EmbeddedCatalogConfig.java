package io.tidemark.catalog;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default catalog, which needs no server: Iceberg's JDBC catalog on a SQLite file inside the warehouse folder,
 * with the table data beside it. Schema version V1 is what gives the JDBC catalog views.
 */
public record EmbeddedCatalogConfig(String name, Path warehouse) implements CatalogConfig {
  public static final String DEFAULT_NAME = "lake";
  public static final Path DEFAULT_WAREHOUSE = Path.of("warehouse");
  static final String CATALOG_FILE = "catalog.db";

  public EmbeddedCatalogConfig {
    requireNonNull(name, "name is null");
    checkArgument(name.matches("[a-z][a-z0-9_]*"), "Cannot use catalog name '%s': use lower-case letters, digits, _", name);
    warehouse = requireNonNull(warehouse, "warehouse is null").toAbsolutePath().normalize();
  }

  public static EmbeddedCatalogConfig at(Path warehouse) {
    return new EmbeddedCatalogConfig(DEFAULT_NAME, warehouse);
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
    properties.put(prefix + ".uri", "jdbc:sqlite:" + catalogFile());
    properties.put(prefix + ".jdbc.schema-version", "V1");
    properties.put(prefix + ".warehouse", warehouseUri());
    // Without caching, Spark hands out the JdbcCatalog itself (a ViewCatalog), and Tidemark reuses that one
    // instance: a second catalog on the same SQLite file in one JVM fails with SQLITE_BUSY.
    properties.put(prefix + ".cache-enabled", "false");
    // Wait for a competing writer (another process) instead of failing at once on a locked database.
    properties.put(prefix + ".jdbc.busy_timeout", "30000");
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
          + e.getMessage() + ". Fix: pass --warehouse with a folder you can write to", e);
    }
  }

  @Override
  public String describe() {
    return "embedded catalog '" + name + "' in " + warehouse;
  }
}
