package io.tidemark.cli;

import io.tidemark.catalog.CatalogConfig;
import io.tidemark.catalog.TidemarkCatalog;

/** Opens Tidemark's catalog (and the Spark session behind it) for a command, and closes it when the command ends. */
interface CatalogOpener extends AutoCloseable {
  TidemarkCatalog open(GlobalOptions options);

  /** The catalog {@link #open} opens for {@code options}, without opening it. */
  CatalogConfig config(GlobalOptions options);

  @Override
  void close();
}
