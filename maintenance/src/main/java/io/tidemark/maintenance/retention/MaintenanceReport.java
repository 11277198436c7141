package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one maintenance run did, per table and in total. */
public record MaintenanceReport(String runId, Map<TableName, MaintenanceMetrics> tables, long millis) {
  public MaintenanceReport {
    requireNonNull(runId, "runId is null");
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  public MaintenanceMetrics total() {
    return tables.values().stream().reduce(MaintenanceMetrics.NONE, MaintenanceMetrics::plus);
  }
}
