package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;

/**
 * A table in the scope of a maintenance run.
 *
 * @param overrides retention settings its definition gives, which win over the table's own properties
 */
public record MaintainedTable(TableName name, RetentionOverrides overrides) {
  public MaintainedTable {
    requireNonNull(name, "name is null");
    requireNonNull(overrides, "overrides is null");
  }
}
