package io.tidemark.cli;

import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.CatalogConfig;
import io.tidemark.catalog.SparkSessions;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.Map;

/** Starts Spark (in this JVM unless spark-submit chose a master) on the catalog the options name. */
final class SparkCatalogOpener implements CatalogOpener {
  private TidemarkCatalog catalog;

  @Override
  public TidemarkCatalog open(SparkOptions options, CatalogAccess access) {
    if (catalog == null) {
      CatalogConfig config = options.catalog.config().withAccess(access);
      catalog = new TidemarkCatalog(SparkSessions.create(config, options.master(), Map.of()), config);
    }
    return catalog;
  }

  @Override
  public void close() {
    if (catalog != null) {
      catalog.spark().stop();
      catalog = null;
    }
  }
}
