package io.tidemark.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one Spark session of a test JVM, on an embedded catalog in a fresh temporary warehouse. Tests keep out of each
 * other's way by using their own namespaces.
 */
public final class SharedSpark {
  private static TidemarkCatalog catalog;

  private SharedSpark() {}

  public static synchronized TidemarkCatalog catalog() {
    if (catalog == null) {
      try {
        Path warehouse = Files.createTempDirectory("tidemark-test-warehouse");
        EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(warehouse);
        catalog = new TidemarkCatalog(SparkSessions.create(config, "local[2]", Map.of()), config);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return catalog;
  }
}
