package io.tidemark.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes: where the tables live and where Spark runs. */
final class GlobalOptions {
  @Option(names = "--warehouse", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Folder of the embedded catalog and its tables (default: ./warehouse).")
  private Path warehouse = Path.of("warehouse");

  @Option(names = "--master", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Spark master (default: local[*], or the one spark-submit sets).")
  private String master;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
  private boolean verbose;

  Path warehouse() {
    return warehouse;
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
