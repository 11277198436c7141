package io.tidemark.cli;

import io.tidemark.catalog.TidemarkCatalog;

/** Opens Tidemark's catalog (and the Spark session behind it) for a command, and closes it when the command ends. */
interface CatalogOpener extends AutoCloseable {
  TidemarkCatalog open(SparkOptions options);

  @Override
  void close();
}
