package io.tidemark.api.definition;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.SubPartition;
import java.util.Optional;

/**
 * Immutable events, one partition per day of arrival. A cumulative source holds the full history in every
 * partition, so only its latest partition is read.
 *
 * <p>A GroupBy may read another join's output as its events (Chronon's {@code joinSource}, "chaining"): the source
 * then names that parent join, whose table it reads. The parent is kept, not just its table's name, because what the
 * source's rows hold depends on the parent's definition (a changed parent changes the source's semantic hash) and
 * because a backfill must know which join fills the days it reads.
 *
 * @param table the event table, {@code namespace.table}; for a join source, the parent join's output table
 * @param subPartition the sub-partition written after the table name, which decides the days present
 * @param parent the join whose output this source reads, or null for a table of its own
 */
public record EventSource(String table, SubPartition subPartition, String topic, Query query, boolean cumulative,
    Join parent) implements Source {
  public EventSource {
    requireNonNull(table, "table is null");
    requireNonNull(subPartition, "subPartition is null");
    requireNonNull(query, "query is null");
  }

  /** Events read from a table of their own. */
  public EventSource(String table, SubPartition subPartition, String topic, Query query, boolean cumulative) {
    this(table, subPartition, topic, query, cumulative, null);
  }

  @Override
  public Optional<Join> parentJoin() {
    return Optional.ofNullable(parent);
  }

  @Override
  public DataModel dataModel() {
    return DataModel.EVENTS;
  }
}
