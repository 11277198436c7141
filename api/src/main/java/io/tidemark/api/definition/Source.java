package io.tidemark.api.definition;

/** Where a GroupBy or a join's left side reads its rows from. */
public sealed interface Source permits EventSource, EntitySource {
  /** The table scanned offline: the event table, or the entity snapshot table. */
  String table();

  Query query();

  DataModel dataModel();
}
