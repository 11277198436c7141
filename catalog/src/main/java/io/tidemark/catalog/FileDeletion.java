package io.tidemark.catalog;

/** Who deletes the files that no version of a table needs any more. */
public enum FileDeletion {
  /**
   * Tidemark's maintenance: the catalog lists every version (snapshot and tag) a file may be read through, so what
   * none reaches can go.
   */
  BY_TIDEMARK,
  /**
   * The catalog server's garbage collection: versions outside the tables' metadata (catalog-wide tags and commits)
   * may still read files the tables' metadata no longer lists.
   */
  BY_CATALOG_SERVER
}
