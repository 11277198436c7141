package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import java.time.Instant;
import java.util.List;

/**
 * Everything one maintenance run will do, computed before anything changes.
 *
 * @param skipped tables in scope that Tidemark did not write, which maintenance leaves alone
 */
public record MaintenancePlan(Instant plannedAt, List<TableMaintenancePlan> tables, List<TableName> skipped) {
  public MaintenancePlan {
    requireNonNull(plannedAt, "plannedAt is null");
    tables = List.copyOf(tables);
    skipped = List.copyOf(skipped);
  }

  /** True when no table has anything to do. */
  public boolean isEmpty() {
    return tables.stream().allMatch(table -> table.actions().isEmpty());
  }
}
