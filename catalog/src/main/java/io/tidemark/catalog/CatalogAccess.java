package io.tidemark.catalog;

/** Whether a command may write through the catalog it opens. */
public enum CatalogAccess {
  /**
   * Plans and dry runs: the catalog must exist already, and the embedded catalog's file is opened read-only, so that
   * nothing can be written through it, not even a new warehouse or catalog file.
   */
  READ_ONLY,
  /** Every other command: the embedded catalog's warehouse folder and file are created on first use. */
  READ_WRITE
}
