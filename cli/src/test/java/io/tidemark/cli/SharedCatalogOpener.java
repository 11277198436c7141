package io.tidemark.cli;

import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;

/** Opens the test JVM's one Spark session for every command, and leaves it running for the next test. */
final class SharedCatalogOpener implements CatalogOpener {
  @Override
  public TidemarkCatalog open(SparkOptions options, CatalogAccess access) {
    return SharedSpark.catalog();
  }

  @Override
  public void close() {}
}
