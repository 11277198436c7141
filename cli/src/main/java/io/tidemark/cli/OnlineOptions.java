package io.tidemark.cli;

import io.tidemark.catalog.CatalogConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the online loop keeps its files: the online store, the uploaded join metadata and the request log. */
final class OnlineOptions {
  static final String FOLDER = "online";

  @Option(names = "--online-dir", paramLabel = "DIR",
      description = "Folder of the online store and the request log (default: online/ in the embedded catalog's "
          + "warehouse, else ./online).")
  private Path onlineDir;

  /** The folder given, or the default for {@code catalog}. */
  Path onlineDir(CatalogConfig catalog) {
    return onlineDir(catalog, Optional.empty());
  }

  /** The folder given, else a project's, else the default for {@code catalog}. */
  Path onlineDir(CatalogConfig catalog, Optional<Path> project) {
    if (onlineDir != null) {
      return onlineDir;
    }
    if (project.isPresent()) {
      return project.get();
    }
    return catalog.localFolder().map(warehouse -> warehouse.resolve(FOLDER)).orElse(Path.of(FOLDER));
  }
}
