package io.tidemark.api.definition;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.SubPartition;

/**
 * Entities kept as daily snapshots: partition {@code ds=D} holds the full state at the end of day D. The mutation
 * table and topic carry intra-day changes for point-in-time entity features.
 *
 * @param snapshotTable the snapshot table, {@code namespace.table}
 * @param subPartition the sub-partition written after the snapshot table's name, which decides the days present
 * @param mutationTable the mutation table, {@code namespace.table}, or null
 */
public record EntitySource(String snapshotTable, SubPartition subPartition, String mutationTable,
    String mutationTopic, Query query) implements Source {
  public EntitySource {
    requireNonNull(snapshotTable, "snapshotTable is null");
    requireNonNull(subPartition, "subPartition is null");
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
