package io.tidemark.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a command that runs Spark takes: the catalog, and where Spark runs. */
final class SparkOptions {
  @Mixin
  CatalogOptions catalog;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: local[*], or the one spark-submit sets).")
  String master;

  /** These options, where given; else {@code fallback}'s (the root command's). */
  SparkOptions over(SparkOptions fallback) {
    SparkOptions merged = new SparkOptions();
    merged.catalog = catalog.over(fallback.catalog);
    merged.master = master != null ? master : fallback.master;
    return merged;
  }

  /** The master to set, or null when spark-submit already chose one. */
  String master() {
    if (master != null) {
      return master;
    }
    return System.getProperty("spark.master") != null ? null : "local[*]";
  }
}
