package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Tags that name a whole catalog at one commit, every table and view as they were (Nessie's), where an audit keeps
 * "everything model v3 saw". Catalogs without them tag each table's snapshots instead (Iceberg's refs). Tags are
 * created once and never moved.
 */
public interface CatalogTags extends AutoCloseable {
  /** A catalog-wide tag: its name and the commit it names. */
  record Tag(String name, String commit) {
    public Tag {
      requireNonNull(name, "name is null");
      requireNonNull(commit, "commit is null");
    }
  }

  /** The branch the catalog reads and writes, which new tags name the current commit of. */
  String ref();

  /** The catalog, for messages. */
  String describe();

  /** The tag called {@code name}, if the catalog has one (a branch of that name is not a tag). */
  Optional<Tag> find(String name);

  /** Tags the current commit of {@link #ref} as {@code name}, which must be new. */
  Tag createOnCurrent(String name);

  /** Deletes the tag {@code name}; returns it as it was, or empty when the catalog has no such tag. */
  Optional<Tag> delete(String name);

  @Override
  void close();
}
