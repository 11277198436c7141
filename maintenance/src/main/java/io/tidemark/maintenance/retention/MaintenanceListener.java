package io.tidemark.maintenance.retention;

import io.tidemark.api.naming.TableName;

/** Hears about a maintenance run as it goes, for progress output. */
public interface MaintenanceListener {
  MaintenanceListener NONE = new MaintenanceListener() {};

  default void actionStarted(TableName table, MaintenanceAction action) {}

  default void actionFinished(TableName table, MaintenanceAction action, MaintenanceMetrics metrics, long millis) {}
}
