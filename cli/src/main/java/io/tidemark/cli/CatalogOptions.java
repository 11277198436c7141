package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.CatalogConfig;
import io.tidemark.catalog.CatalogConfigFile;
import io.tidemark.catalog.EmbeddedCatalogConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the tables live: the embedded catalog of a warehouse folder, or a catalog file. A command that reads or
 * writes tables mixes these in; the root command takes them too (before the command's name), and a value given to
 * the command wins over the root's.
 */
final class CatalogOptions {
  static final String CATALOG_VARIABLE = "TIDEMARK_CATALOG";

  @Option(names = "--warehouse", paramLabel = "DIR",
      description = "Folder of the embedded catalog and its tables (default: ./warehouse).")
  Path warehouse;

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "A catalog file naming the catalog to use instead of the embedded one: Nessie, an Iceberg REST "
          + "server, or an embedded catalog elsewhere (default: $" + CATALOG_VARIABLE + ", if set).")
  Path catalogFile;

  @Option(names = "--catalog-lock-timeout", paramLabel = "SECONDS",
      description = "How long to wait for another process that holds the embedded catalog's lock (default: 30).")
  Long lockTimeoutSeconds;

  /** These options, where given; else {@code fallback}'s (the root command's). */
  CatalogOptions over(CatalogOptions fallback) {
    CatalogOptions merged = new CatalogOptions();
    merged.warehouse = warehouse != null ? warehouse : fallback.warehouse;
    merged.catalogFile = catalogFile != null ? catalogFile : fallback.catalogFile;
    merged.lockTimeoutSeconds = lockTimeoutSeconds != null ? lockTimeoutSeconds : fallback.lockTimeoutSeconds;
    return merged;
  }

  /**
   * The catalog these options name: the catalog file's (from --catalog, else $TIDEMARK_CATALOG), or the embedded
   * catalog of --warehouse.
   */
  CatalogConfig config() {
    long lockTimeout = lockTimeoutSeconds == null ? EmbeddedCatalogConfig.DEFAULT_LOCK_TIMEOUT.toSeconds()
        : lockTimeoutSeconds;
    if (lockTimeout < 0) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "Invalid --catalog-lock-timeout "
          + lockTimeout + ". Fix: give the seconds to wait, 0 or more");
    }
    Optional<Path> file = catalogFile();
    if (file.isPresent()) {
      return CatalogConfigFile.read(file.get());
    }
    Path folder = warehouse == null ? EmbeddedCatalogConfig.DEFAULT_WAREHOUSE : warehouse;
    return EmbeddedCatalogConfig.at(folder).withLockTimeout(Duration.ofSeconds(lockTimeout));
  }

  /** The catalog file these options name: --catalog, else $TIDEMARK_CATALOG unless --warehouse is given. */
  Optional<Path> catalogFile() {
    if (catalogFile != null && warehouse != null) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "Both --catalog and --warehouse were given. Fix: "
          + "pass one; a catalog file of type embedded names its own warehouse");
    }
    String variable = System.getenv(CATALOG_VARIABLE);
    if (catalogFile == null && warehouse == null && variable != null && !variable.isBlank()) {
      return Optional.of(Path.of(variable));
    }
    return Optional.ofNullable(catalogFile);
  }
}
