package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.CatalogConfig;
import io.tidemark.catalog.CatalogConfigFile;
import io.tidemark.catalog.EmbeddedCatalogConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes: where the tables live and where Spark runs. */
final class GlobalOptions {
  static final String CATALOG_VARIABLE = "TIDEMARK_CATALOG";

  @Option(names = "--warehouse", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Folder of the embedded catalog and its tables (default: ./warehouse).")
  private Path warehouse;

  @Option(names = "--catalog", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "A catalog file naming the catalog to use instead of the embedded one: Nessie, an Iceberg REST "
          + "server, or an embedded catalog elsewhere (default: $" + CATALOG_VARIABLE + ", if set).")
  private Path catalogFile;

  @Option(names = "--catalog-lock-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
      description = "How long to wait for another process that holds the embedded catalog's lock (default: "
          + "${DEFAULT-VALUE}).")
  private long lockTimeoutSeconds = EmbeddedCatalogConfig.DEFAULT_LOCK_TIMEOUT.toSeconds();

  @Option(names = "--master", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Spark master (default: local[*], or the one spark-submit sets).")
  private String master;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
  private boolean verbose;

  /**
   * The catalog these options name: the catalog file's (from --catalog, else $TIDEMARK_CATALOG), or the embedded
   * catalog of --warehouse.
   */
  CatalogConfig catalog() {
    if (lockTimeoutSeconds < 0) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT, "Invalid --catalog-lock-timeout "
          + lockTimeoutSeconds + ". Fix: give the seconds to wait, 0 or more");
    }
    if (catalogFile != null && warehouse != null) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT, "Both --catalog and --warehouse were given. Fix: "
          + "pass one; a catalog file of type embedded names its own warehouse");
    }
    Path file = catalogFile;
    String variable = System.getenv(CATALOG_VARIABLE);
    if (file == null && warehouse == null && variable != null && !variable.isBlank()) {
      file = Path.of(variable);
    }
    if (file != null) {
      return CatalogConfigFile.read(file);
    }
    Path folder = warehouse == null ? EmbeddedCatalogConfig.DEFAULT_WAREHOUSE : warehouse;
    return EmbeddedCatalogConfig.at(folder).withLockTimeout(Duration.ofSeconds(lockTimeoutSeconds));
  }

  /** The master to set, or null when spark-submit already chose one. */
  String master() {
    if (master != null) {
      return master;
    }
    return System.getProperty("spark.master") != null ? null : "local[*]";
  }

  boolean verbose() {
    return verbose;
  }
}
