package io.tidemark.cli;

import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.CatalogConfig;
import io.tidemark.catalog.TidemarkCatalog;

/** Opens Tidemark's catalog (and the Spark session behind it) for a command, and closes it when the command ends. */
interface CatalogOpener extends AutoCloseable {
  /** The catalog, opened for {@code access}: plans and dry runs open it read-only. */
  TidemarkCatalog open(GlobalOptions options, CatalogAccess access);

  /** The catalog, opened for writing. */
  default TidemarkCatalog open(GlobalOptions options) {
    return open(options, CatalogAccess.READ_WRITE);
  }

  /** The catalog {@link #open} opens for {@code options}, without opening it. */
  CatalogConfig config(GlobalOptions options);

  @Override
  void close();
}
