package io.tidemark.cli;

import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.TidemarkCatalog;

/** Opens Tidemark's catalog (and the Spark session behind it) for a command, and closes it when the command ends. */
interface CatalogOpener extends AutoCloseable {
  /** The catalog the options name, opened for {@code access}: plans and dry runs open it read-only. */
  TidemarkCatalog open(SparkOptions options, CatalogAccess access);

  @Override
  void close();
}
