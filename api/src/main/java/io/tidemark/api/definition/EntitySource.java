package io.tidemark.api.definition;

import static java.util.Objects.requireNonNull;

/**
 * Entities kept as daily snapshots: partition {@code ds=D} holds the full state at the end of day D. The mutation
 * table and topic carry intra-day changes for point-in-time entity features.
 */
public record EntitySource(String snapshotTable, String mutationTable, String mutationTopic, Query query)
    implements Source {
  public EntitySource {
    requireNonNull(snapshotTable, "snapshotTable is null");
    requireNonNull(query, "query is null");
  }

  @Override
  public String table() {
    return snapshotTable;
  }

  @Override
  public DataModel dataModel() {
    return DataModel.ENTITIES;
  }
}
