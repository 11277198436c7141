package io.tidemark.cli;

import io.tidemark.api.json.ReadOptions;
import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.TidemarkCatalog;
import picocli.CommandLine.Mixin;

/**
 * What a command that opens the catalog runs with: the catalog and Spark options, falling back on the root command's.
 */
class CatalogJob extends CommandJob {
  @Mixin
  SparkOptions spark;

  /** Opens the catalog (starting Spark) for writing. */
  final TidemarkCatalog open() {
    return open(CatalogAccess.READ_WRITE);
  }

  /** Opens the catalog (starting Spark) for {@code access}: plans and dry runs open it read-only. */
  final TidemarkCatalog open(CatalogAccess access) {
    return root().open(spark, access);
  }

  /** How to read definitions with {@code definitions}: the catalog file these options name may set the namespace. */
  final ReadOptions readOptions(DefinitionOptions definitions) {
    return root().readOptions(definitions, spark.catalog);
  }
}
