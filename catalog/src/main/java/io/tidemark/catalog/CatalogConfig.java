package io.tidemark.catalog;

import io.tidemark.api.TidemarkException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Tidemark keeps its tables: one logical catalog, reached under the same name from Spark, Trino and
 * every view. Each kind of catalog knows the Spark settings that open it.
 */
public sealed interface CatalogConfig permits EmbeddedCatalogConfig, ServerCatalogConfig {
  /** The logical catalog name used in Spark SQL, e.g. {@code lake}. */
  String name();

  /** The {@code spark.sql.catalog.<name>...} settings that open this catalog in a Spark session. */
  Map<String, String> sparkProperties();

  /**
   * This catalog, opened for {@code access}. An embedded catalog opened read-only must exist already and has its file
   * opened read-only; a catalog server is unchanged, since opening it creates nothing.
   */
  CatalogConfig withAccess(CatalogAccess access);

  /**
   * Checks what must hold before Spark opens the catalog, and creates what must exist on this machine for it, unless
   * the catalog is opened read-only.
   */
  void prepare();

  /** A short description for logs and summaries, without secrets. */
  String describe();

  /**
   * The failure, explained in this catalog's terms with what to do, when it comes from the catalog itself (a lock, a
   * permission); empty otherwise.
   */
  Optional<TidemarkException> explain(Throwable failure);

  /** Which of a table's snapshots the catalog serves. */
  SnapshotHistory snapshotHistory();

  /** Who deletes files no version needs any more: Tidemark's maintenance, or the catalog server. */
  FileDeletion fileDeletion();

  /**
   * A client of the catalog's own tags, when tags name the whole catalog (close it after use); empty when versions
   * are each table's snapshots and tags.
   */
  Optional<CatalogTags> openCatalogTags();

  /** The local folder the catalog keeps its tables in, where local tools put their files by default, if any. */
  Optional<Path> localFolder();
}
