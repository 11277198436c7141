package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.EmbeddedCatalogConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes: where the tables live and where Spark runs. */
final class GlobalOptions {
  @Option(names = "--warehouse", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Folder of the embedded catalog and its tables (default: ./warehouse).")
  private Path warehouse = Path.of("warehouse");

  @Option(names = "--catalog-lock-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
      description = "How long to wait for another process that holds the embedded catalog's lock (default: "
          + "${DEFAULT-VALUE}).")
  private long lockTimeoutSeconds = EmbeddedCatalogConfig.DEFAULT_LOCK_TIMEOUT.toSeconds();

  @Option(names = "--master", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Spark master (default: local[*], or the one spark-submit sets).")
  private String master;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
  private boolean verbose;

  Path warehouse() {
    return warehouse;
  }

  /** The catalog these options name. */
  EmbeddedCatalogConfig catalog() {
    if (lockTimeoutSeconds < 0) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT, "Invalid --catalog-lock-timeout "
          + lockTimeoutSeconds + ". Fix: give the seconds to wait, 0 or more");
    }
    return EmbeddedCatalogConfig.at(warehouse).withLockTimeout(Duration.ofSeconds(lockTimeoutSeconds));
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
