package io.tidemark.api.definition;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.SubPartition;

/**
 * Immutable events, one partition per day of arrival. A cumulative source holds the full history in every
 * partition, so only its latest partition is read.
 *
 * @param table the event table, {@code namespace.table}
 * @param subPartition the sub-partition written after the table name, which decides the days present
 */
public record EventSource(String table, SubPartition subPartition, String topic, Query query, boolean cumulative)
    implements Source {
  public EventSource {
    requireNonNull(table, "table is null");
    requireNonNull(subPartition, "subPartition is null");
    requireNonNull(query, "query is null");
  }

  @Override
  public DataModel dataModel() {
    return DataModel.EVENTS;
  }
}
