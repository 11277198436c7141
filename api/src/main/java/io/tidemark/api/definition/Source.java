package io.tidemark.api.definition;

import io.tidemark.api.naming.SubPartition;

/** Where a GroupBy or a join's left side reads its rows from. */
public sealed interface Source permits EventSource, EntitySource {
  /** The table scanned offline, as {@code namespace.table}: the event table, or the entity snapshot table. */
  String table();

  /** Which of the table's days count as present; {@link SubPartition#NONE} when each day with rows is. */
  SubPartition subPartition();

  Query query();

  DataModel dataModel();
}
