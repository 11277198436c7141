package io.tidemark.cli;

import io.tidemark.online.OnlineLayout;
import picocli.CommandLine.Mixin;

/**
 * What a command that answers from the online store runs with: the online folder, and the catalog that names its
 * default. It starts no Spark.
 */
final class ServingJob extends CommandJob {
  @Mixin
  CatalogOptions catalog;

  @Mixin
  OnlineOptions online;

  /** The online folder's layout: --online-dir, else the default of the catalog the options name. */
  OnlineLayout layout() {
    return new OnlineLayout(online.onlineDir(root().config(catalog)));
  }
}
