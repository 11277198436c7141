package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One thing maintenance does to a table, as planned: what it changes and how much. */
public sealed interface MaintenanceAction {
  /** The action in one line for the plan, e.g. {@code expire 8 snapshots: 40 files, 2.1 MB}. */
  String describe();

  /**
   * Deletes the partitions a TTL has passed. Only the table changes: the files go once the snapshots that still hold
   * them expire.
   */
  record DropPartitions(List<String> days, Duration ttl, long files, long bytes, long rows) implements MaintenanceAction {
    public DropPartitions {
      days = List.copyOf(days);
      requireNonNull(ttl, "ttl is null");
    }

    @Override
    public String describe() {
      return "drop " + days.size() + " partitions older than " + TextValues.duration(ttl) + " (" + days.get(0) + ".."
          + days.get(days.size() - 1) + "): " + rows + " rows in " + files + " files, " + TextValues.size(bytes);
    }
  }

  /** Rewrites every data file of {@code days} toward the target size, applying and dropping their delete files. */
  record Compact(List<String> days, long dataFiles, long deleteFiles, long bytes, long targetFileSizeBytes)
      implements MaintenanceAction {
    public Compact {
      days = List.copyOf(days);
    }

    @Override
    public String describe() {
      return "compact " + days.size() + " partitions: " + dataFiles + " data files and " + deleteFiles
          + " delete files, " + TextValues.size(bytes) + ", toward " + TextValues.size(targetFileSizeBytes) + " files";
    }
  }

  /**
   * Rewrites the small data manifests into fewer. The count is the one at planning; compaction, which runs first,
   * replaces some of them.
   */
  record RewriteManifests(int manifests, long bytes, long targetManifestSizeBytes) implements MaintenanceAction {
    @Override
    public String describe() {
      return "rewrite the data manifests under " + TextValues.size(targetManifestSizeBytes) + " into fewer ("
          + manifests + " now, " + TextValues.size(bytes) + ")";
    }
  }

  /**
   * Expires snapshots no ref holds, with the files only they reach; tags and branches past their own retention end
   * with them.
   *
   * @param files the location and size of each file only the expiring snapshots reach
   */
  record ExpireSnapshots(List<Long> snapshotIds, Instant oldest, Instant newest, List<String> endedRefs,
      Map<String, Long> files) implements MaintenanceAction {
    public ExpireSnapshots {
      snapshotIds = List.copyOf(snapshotIds);
      requireNonNull(oldest, "oldest is null");
      requireNonNull(newest, "newest is null");
      endedRefs = List.copyOf(endedRefs);
      files = Map.copyOf(files);
    }

    public long bytes() {
      return files.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String describe() {
      return "expire " + snapshotIds.size() + " snapshots committed " + oldest + ".." + newest
          + (endedRefs.isEmpty() ? "" : " and end the refs " + String.join(", ", endedRefs) + " past their retention")
          + ": " + files.size() + " files, " + TextValues.size(bytes());
    }
  }

  /**
   * Deletes files under the table's location that no snapshot of it, or of any table sharing the location, reaches,
   * and that are older than the floor.
   *
   * @param files the location and size of each orphan file
   */
  record RemoveOrphanFiles(String location, Duration floor, Map<String, Long> files) implements MaintenanceAction {
    public RemoveOrphanFiles {
      requireNonNull(location, "location is null");
      requireNonNull(floor, "floor is null");
      files = Map.copyOf(files);
    }

    public long bytes() {
      return files.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String describe() {
      return "remove " + files.size() + " orphan files older than " + TextValues.duration(floor) + " under "
          + location + ": " + TextValues.size(bytes());
    }
  }

  /** Drops an archive past its lifetime together with every file it reaches. */
  record PurgeArchive(Instant archivedAt, Duration lifetime, long files, long bytes) implements MaintenanceAction {
    public PurgeArchive {
      requireNonNull(archivedAt, "archivedAt is null");
      requireNonNull(lifetime, "lifetime is null");
    }

    @Override
    public String describe() {
      return "purge the archive (archived " + archivedAt + ", lifetime " + TextValues.duration(lifetime) + "): "
          + files + " files, " + TextValues.size(bytes);
    }
  }
}
