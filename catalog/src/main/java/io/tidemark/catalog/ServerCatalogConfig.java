package io.tidemark.catalog;

import io.tidemark.api.TidemarkException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A catalog that a server keeps (Nessie, an Iceberg REST catalog): reached at an address, it creates nothing on this
 * machine when opened and deletes the files no version needs itself.
 */
public sealed interface ServerCatalogConfig extends CatalogConfig permits NessieCatalogConfig, RestCatalogConfig {
  /** The server's address, as the catalog file's {@code uri} gives it. */
  URI uri();

  /** A server creates nothing when it is opened, so reading and writing open it alike. */
  @Override
  default CatalogConfig withAccess(CatalogAccess access) {
    return this;
  }

  /** A server that cannot be reached, explained as such, naming the catalog file's {@code uri}. */
  @Override
  default Optional<TidemarkException> explain(Throwable failure) {
    return RestEndpoint.explainUnreachable(failure, describe(), "uri");
  }

  @Override
  default FileDeletion fileDeletion() {
    return FileDeletion.BY_CATALOG_SERVER;
  }

  @Override
  default Optional<Path> localFolder() {
    return Optional.empty();
  }
}
