package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import java.util.List;

/**
 * What maintenance will do to one table, in order, and why it leaves alone what it leaves alone.
 *
 * @param notes what the plan keeps on purpose, for people (an archive a tag holds, a table Tidemark did not write)
 */
public record TableMaintenancePlan(TableName table, TableKind kind, RetentionPolicy policy,
    List<MaintenanceAction> actions, List<String> notes) {
  public TableMaintenancePlan {
    requireNonNull(table, "table is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(policy, "policy is null");
    actions = List.copyOf(actions);
    notes = List.copyOf(notes);
  }
}
