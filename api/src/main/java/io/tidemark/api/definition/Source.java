package io.tidemark.api.definition;

import io.tidemark.api.naming.SubPartition;
import java.util.Optional;

/** Where a GroupBy or a join's left side reads its rows from. */
public sealed interface Source permits EventSource, EntitySource {
  /** The table scanned offline, as {@code namespace.table}: the event table, or the entity snapshot table. */
  String table();

  /** Which of the table's days count as present; {@link SubPartition#NONE} when each day with rows is. */
  SubPartition subPartition();

  Query query();

  DataModel dataModel();

  /** The join whose output this source reads (a join source, see {@link EventSource}); empty for a table of its own. */
  default Optional<Join> parentJoin() {
    return Optional.empty();
  }
}
