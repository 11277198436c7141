package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.FileDeletion;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.maintenance.retention.CompactionSelection.PartitionFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Plans a maintenance run from the tables' current metadata, changing nothing: partitions past their TTL, partitions
 * to compact, small manifests, snapshots to expire (as Iceberg's own expiry would choose them, keeping every tag and
 * branch), orphan files, archives past their lifetime.
 *
 * <p>Only the embedded catalog deletes files. A catalog server may hold versions that table metadata does not show
 * (Nessie's commits and tags reach files of snapshots its REST endpoint no longer lists), so there snapshot expiry,
 * orphan cleanup and archive purges are left to the server's own garbage collection, which sees every reference.
 */
public final class MaintenancePlanner {
  /** Iceberg's default for {@code commit.manifest.target-size-bytes}. */
  private static final long DEFAULT_MANIFEST_TARGET_BYTES = 8L * 1024 * 1024;

  private final TidemarkCatalog catalog;

  public MaintenancePlanner(TidemarkCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  public MaintenancePlan plan(List<MaintainedTable> scope, MaintenanceOptions options) {
    FileDeletion deletion = catalog.config().fileDeletion();
    OrphanFiles orphans = new OrphanFiles(catalog);
    Set<String> scannedLocations = new HashSet<>();
    List<TableMaintenancePlan> plans = new ArrayList<>();
    List<TableName> skipped = new ArrayList<>();
    for (MaintainedTable maintained : scope) {
      Optional<Table> loaded = catalog.loadTable(maintained.name());
      if (loaded.isEmpty()) {
        continue;
      }
      Table table = loaded.get();
      Optional<TableKind> kind = TableKind.of(table.properties());
      if (kind.isEmpty()) {
        skipped.add(maintained.name());
        continue;
      }
      RetentionPolicy policy = RetentionOverrides.fromProperties(table.properties(),
              "the properties of table " + maintained.name(), ErrorCode.INVALID_VALUE)
          .then(maintained.overrides())
          .then(options.overrides())
          .applyTo(RetentionPolicy.defaultFor(kind.get()));
      List<MaintenanceAction> actions = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      if (deletion == FileDeletion.BY_CATALOG_SERVER) {
        notes.add("snapshot expiry, orphan cleanup and archive purges are left to the garbage collection of "
            + catalog.config().describe() + ", which sees the versions its tags and commits still need");
      }
      if (kind.get() == TableKind.ARCHIVE) {
        if (deletion == FileDeletion.BY_TIDEMARK) {
          planArchive(table, policy, options.now()).ifPresentOrElse(actions::add, () -> notes.add(
              archiveKeptBecause(table, policy, options.now())));
        }
      } else {
        List<FileScanTask> currentFiles = currentFiles(table);
        List<String> dropped = planTtl(maintained.name(), kind.get(), table, currentFiles, policy, options.now(),
            actions, notes);
        planCompaction(table, currentFiles, policy, dropped).ifPresent(actions::add);
        planManifests(table).ifPresent(actions::add);
        if (deletion == FileDeletion.BY_TIDEMARK) {
          planExpiry(table, policy, options.now()).ifPresent(actions::add);
        }
        boolean firstAtLocation = scannedLocations.add(new Path(table.location()).toUri().getPath());
        if (deletion == FileDeletion.BY_TIDEMARK && firstAtLocation) {
          Map<String, Long> found = orphans.find(maintained.name(), table, options.now().minus(options.orphanFloor()));
          if (!found.isEmpty()) {
            actions.add(new MaintenanceAction.RemoveOrphanFiles(table.location(), options.orphanFloor(), found));
          }
        }
      }
      plans.add(new TableMaintenancePlan(maintained.name(), kind.get(), policy, actions, notes));
    }
    return new MaintenancePlan(options.now(), plans, skipped);
  }

  /**
   * Plans the partition TTL; returns the days it drops. Without a TTL, partial aggregates keep the days their
   * GroupBy's longest window needs before their newest day: a daily run needs no more, and a backfill of older days
   * builds again what it needs.
   */
  private List<String> planTtl(TableName name, TableKind kind, Table table, List<FileScanTask> currentFiles,
      RetentionPolicy policy, Instant now, List<MaintenanceAction> actions, List<String> notes) {
    Optional<Duration> ttl = policy.partitionTtl();
    Instant reference = now;
    String keepDays = table.properties().get(TableProperties.PARTIALS_KEEP_DAYS);
    if (ttl.isEmpty() && kind == TableKind.PARTIALS && keepDays != null && keepDays.matches("[0-9]+")) {
      SortedSet<String> days = catalog.partitions(name);
      if (!days.isEmpty()) {
        ttl = Optional.of(Duration.ofDays(Long.parseLong(keepDays)));
        reference = Instant.ofEpochMilli(PartitionDates.startMillis(days.last()) + PartitionDates.DAY_MILLIS);
        notes.add("keeps the " + keepDays + " day(s) up to its newest day, " + days.last() + ", that its GroupBy's "
            + "longest window needs");
      }
    }
    if (ttl.isEmpty()) {
      return List.of();
    }
    if (dayField(table.spec()).isEmpty()) {
      notes.add("not partitioned by " + Names.PARTITION_COLUMN + ": the partition TTL does not apply");
      return List.of();
    }
    List<String> expired = PartitionExpiry.expiredDays(catalog.partitions(name), ttl.get(), reference);
    if (expired.isEmpty()) {
      return List.of();
    }
    long files = 0;
    long bytes = 0;
    long rows = 0;
    for (FileScanTask task : currentFiles) {
      ContentFile<?> file = task.file();
      if (day(table, file).filter(expired::contains).isPresent()) {
        files++;
        bytes += file.fileSizeInBytes();
        rows += file.recordCount();
      }
    }
    actions.add(new MaintenanceAction.DropPartitions(expired, ttl.get(), files, bytes, rows));
    return expired;
  }

  /**
   * Plans compaction of the partitions the TTL keeps. A table not partitioned by day counts as one partition, and is
   * compacted as a whole when it qualifies.
   */
  private static Optional<MaintenanceAction> planCompaction(Table table, List<FileScanTask> currentFiles,
      RetentionPolicy policy, List<String> dropped) {
    Map<String, List<Long>> sizes = new TreeMap<>();
    Map<String, Set<String>> deletes = new TreeMap<>();
    for (FileScanTask task : currentFiles) {
      String day = day(table, task.file()).orElse("");
      if (dropped.contains(day)) {
        continue;
      }
      sizes.computeIfAbsent(day, ignored -> new ArrayList<>()).add(task.file().fileSizeInBytes());
      task.deletes().forEach(delete -> deletes.computeIfAbsent(day, ignored -> new HashSet<>())
          .add(delete.location()));
    }
    List<PartitionFiles> partitions = sizes.entrySet().stream()
        .map(entry -> new PartitionFiles(entry.getKey(), entry.getValue(),
            deletes.getOrDefault(entry.getKey(), Set.of()).size()))
        .toList();
    List<PartitionFiles> selected = CompactionSelection.select(partitions, policy.targetFileSizeBytes());
    if (selected.isEmpty()) {
      return Optional.empty();
    }
    List<String> days = dayField(table.spec()).isPresent()
        ? selected.stream().map(PartitionFiles::day).toList() : List.of();
    return Optional.of(compaction(selected, policy, days));
  }

  private static MaintenanceAction compaction(List<PartitionFiles> selected, RetentionPolicy policy,
      List<String> days) {
    long files = selected.stream().mapToLong(partition -> partition.dataFileSizes().size()).sum();
    long deleteFiles = selected.stream().mapToLong(PartitionFiles::deleteFiles).sum();
    long bytes = selected.stream().flatMap(partition -> partition.dataFileSizes().stream())
        .mapToLong(Long::longValue).sum();
    return new MaintenanceAction.Compact(days, files, deleteFiles, bytes, policy.targetFileSizeBytes());
  }

  private static Optional<MaintenanceAction> planManifests(Table table) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    long target = manifestTarget(table);
    List<ManifestFile> small = current.dataManifests(table.io()).stream()
        .filter(manifest -> manifest.length() < target)
        .toList();
    if (small.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(new MaintenanceAction.RewriteManifests(small.size(),
        small.stream().mapToLong(ManifestFile::length).sum(), target));
  }

  /** The manifest size Iceberg writes toward for this table. */
  static long manifestTarget(Table table) {
    return Long.parseLong(table.properties().getOrDefault(org.apache.iceberg.TableProperties.MANIFEST_TARGET_SIZE_BYTES,
        Long.toString(DEFAULT_MANIFEST_TARGET_BYTES)));
  }

  /**
   * The snapshots Iceberg's expiry removes with this policy ({@code apply()} computes them without committing), and the
   * files only they reach.
   */
  private static Optional<MaintenanceAction> planExpiry(Table table, RetentionPolicy policy, Instant now) {
    if (table.currentSnapshot() == null) {
      return Optional.empty();
    }
    List<Snapshot> expiring = table.expireSnapshots()
        .expireOlderThan(now.minus(policy.snapshotAge()).toEpochMilli())
        .retainLast(policy.minSnapshots())
        .apply();
    List<String> endedRefs = endedRefs(table, now);
    if (expiring.isEmpty() && endedRefs.isEmpty()) {
      return Optional.empty();
    }
    Set<Long> expiringIds = new HashSet<>();
    expiring.forEach(snapshot -> expiringIds.add(snapshot.snapshotId()));
    List<Snapshot> remaining = new ArrayList<>();
    table.snapshots().forEach(snapshot -> {
      if (!expiringIds.contains(snapshot.snapshotId())) {
        remaining.add(snapshot);
      }
    });
    ReachableFiles reachable = new ReachableFiles(table);
    Map<String, Long> onlyExpiring = new LinkedHashMap<>(reachable.of(expiring));
    onlyExpiring.keySet().removeAll(reachable.of(remaining).keySet());
    List<Snapshot> byTime = expiring.stream().sorted(Comparator.comparingLong(Snapshot::timestampMillis)).toList();
    Instant oldest = byTime.isEmpty() ? now : Instant.ofEpochMilli(byTime.get(0).timestampMillis());
    Instant newest = byTime.isEmpty() ? now : Instant.ofEpochMilli(byTime.get(byTime.size() - 1).timestampMillis());
    return Optional.of(new MaintenanceAction.ExpireSnapshots(byTime.stream().map(Snapshot::snapshotId).toList(),
        oldest, newest, endedRefs, onlyExpiring));
  }

  /** Tags and branches (never main) older than their own maximum age, which expiry removes. */
  private static List<String> endedRefs(Table table, Instant now) {
    List<String> ended = new ArrayList<>();
    table.refs().forEach((name, ref) -> {
      if (!name.equals(SnapshotRef.MAIN_BRANCH) && past(table, ref, now)) {
        ended.add(name);
      }
    });
    return ended.stream().sorted().toList();
  }

  /** The tags and branches other than main that still hold a version of {@code table}. */
  static List<String> liveRefs(Table table, Instant now) {
    List<String> live = new ArrayList<>();
    table.refs().forEach((name, ref) -> {
      if (!name.equals(SnapshotRef.MAIN_BRANCH) && !past(table, ref, now)) {
        live.add(name);
      }
    });
    return live.stream().sorted().toList();
  }

  private static boolean past(Table table, SnapshotRef ref, Instant now) {
    Snapshot snapshot = table.snapshot(ref.snapshotId());
    return ref.maxRefAgeMs() != null && snapshot != null
        && now.toEpochMilli() - snapshot.timestampMillis() > ref.maxRefAgeMs();
  }

  private Optional<MaintenanceAction> planArchive(Table table, RetentionPolicy policy, Instant now) {
    Optional<Instant> archivedAt = archivedAt(table);
    if (archivedAt.isEmpty() || now.isBefore(archivedAt.get().plus(policy.archiveLifetime()))
        || !liveRefs(table, now).isEmpty()) {
      return Optional.empty();
    }
    Map<String, Long> files = new ReachableFiles(table).all();
    long bytes = 0;
    for (Map.Entry<String, Long> file : files.entrySet()) {
      bytes += file.getValue() >= 0 ? file.getValue() : table.io().newInputFile(file.getKey()).getLength();
    }
    return Optional.of(new MaintenanceAction.PurgeArchive(archivedAt.get(), policy.archiveLifetime(), files.size(),
        bytes));
  }

  private static String archiveKeptBecause(Table table, RetentionPolicy policy, Instant now) {
    Optional<Instant> archivedAt = archivedAt(table);
    if (archivedAt.isEmpty()) {
      return "archive kept: it does not record when it was archived (" + TableProperties.ARCHIVED_AT + ")";
    }
    Instant end = archivedAt.get().plus(policy.archiveLifetime());
    if (now.isBefore(end)) {
      return "archive kept until " + end + " (archived " + archivedAt.get() + ", lifetime "
          + TextValues.duration(policy.archiveLifetime()) + ")";
    }
    List<String> refs = liveRefs(table, now);
    return "archive kept past its lifetime: " + String.join(", ", refs) + (refs.size() == 1 ? " holds" : " hold")
        + " a version of it";
  }

  private static Optional<Instant> archivedAt(Table table) {
    try {
      return Optional.ofNullable(table.properties().get(TableProperties.ARCHIVED_AT)).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The current snapshot's data files with their delete files, read once for the TTL and compaction. */
  private static List<FileScanTask> currentFiles(Table table) {
    List<FileScanTask> files = new ArrayList<>();
    if (table.currentSnapshot() == null) {
      return files;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The file's {@code ds}, when the spec it was written with partitions by the day column as is. */
  static Optional<String> day(Table table, ContentFile<?> file) {
    PartitionSpec spec = table.specs().get(file.specId());
    return dayField(spec).map(position -> String.valueOf(file.partition().get(position, Object.class)));
  }

  private static Optional<Integer> dayField(PartitionSpec spec) {
    Types.NestedField ds = spec.schema().findField(Names.PARTITION_COLUMN);
    if (ds == null) {
      return Optional.empty();
    }
    List<PartitionField> fields = spec.fields();
    for (int position = 0; position < fields.size(); position++) {
      PartitionField field = fields.get(position);
      if (field.sourceId() == ds.fieldId() && field.transform().isIdentity()) {
        return Optional.of(position);
      }
    }
    return Optional.empty();
  }

}
