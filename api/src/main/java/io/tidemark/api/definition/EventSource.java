package io.tidemark.api.definition;

import static java.util.Objects.requireNonNull;

/**
 * Immutable events, one partition per day of arrival. A cumulative source holds the full history in every
 * partition, so only its latest partition is read.
 */
public record EventSource(String table, String topic, Query query, boolean cumulative) implements Source {
  public EventSource {
    requireNonNull(table, "table is null");
    requireNonNull(query, "query is null");
  }

  @Override
  public DataModel dataModel() {
    return DataModel.EVENTS;
  }
}
