package io.tidemark.maintenance.retention;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a maintenance run did, counted.
 *
 * @param filesDeleted files deleted from storage: by snapshot expiry, orphan cleanup and archive purges
 * @param bytesDeleted their size
 */
public record MaintenanceMetrics(long partitionsDropped, long dataFilesRewritten, long dataFilesWritten,
    long deleteFilesRemoved, long manifestsRewritten, long snapshotsExpired, long orphanFilesDeleted,
    long archivesPurged, long filesDeleted, long bytesDeleted) {
  public static final MaintenanceMetrics NONE = new MaintenanceMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public MaintenanceMetrics plus(MaintenanceMetrics other) {
    return new MaintenanceMetrics(partitionsDropped + other.partitionsDropped,
        dataFilesRewritten + other.dataFilesRewritten, dataFilesWritten + other.dataFilesWritten,
        deleteFilesRemoved + other.deleteFilesRemoved, manifestsRewritten + other.manifestsRewritten,
        snapshotsExpired + other.snapshotsExpired, orphanFilesDeleted + other.orphanFilesDeleted,
        archivesPurged + other.archivesPurged, filesDeleted + other.filesDeleted, bytesDeleted + other.bytesDeleted);
  }

  /** The counts by name, in a fixed order, for summaries and the table property that records a run. */
  public Map<String, Long> asMap() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("partitions_dropped", partitionsDropped);
    counts.put("data_files_rewritten", dataFilesRewritten);
    counts.put("data_files_written", dataFilesWritten);
    counts.put("delete_files_removed", deleteFilesRemoved);
    counts.put("manifests_rewritten", manifestsRewritten);
    counts.put("snapshots_expired", snapshotsExpired);
    counts.put("orphan_files_deleted", orphanFilesDeleted);
    counts.put("archives_purged", archivesPurged);
    counts.put("files_deleted", filesDeleted);
    counts.put("bytes_deleted", bytesDeleted);
    return counts;
  }
}
