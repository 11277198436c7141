package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewriteManifests;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.spark.actions.ExpireSnapshotsSparkAction;
import org.apache.iceberg.spark.actions.SparkActions;

/**
 * Carries out a {@link MaintenancePlan}, table by table and action by action, each action one Iceberg commit (or,
 * for orphans and purges, deletions of files no table reaches). A run that stops midway leaves every table readable:
 * an action's commit is atomic, and files are deleted only once no remaining snapshot reaches them. What a table went
 * through is recorded on it in {@link TableProperties#LAST_MAINTENANCE}.
 */
public final class MaintenanceRunner {
  /** Compaction rewrites every file of the partitions the plan chose, so that it does what the plan showed. */
  private static final String REWRITE_ALL = "rewrite-all";

  private final TidemarkCatalog catalog;
  private final Clock clock;

  public MaintenanceRunner(TidemarkCatalog catalog, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public MaintenanceReport run(MaintenancePlan plan, MaintenanceListener listener) {
    String runId = UUID.randomUUID().toString();
    long started = clock.millis();
    Map<TableName, MaintenanceMetrics> metrics = new LinkedHashMap<>();
    for (TableMaintenancePlan tablePlan : plan.tables()) {
      if (tablePlan.actions().isEmpty()) {
        continue;
      }
      MaintenanceMetrics tableMetrics = MaintenanceMetrics.NONE;
      boolean purged = false;
      for (MaintenanceAction action : tablePlan.actions()) {
        listener.actionStarted(tablePlan.table(), action);
        long actionStarted = clock.millis();
        MaintenanceMetrics done = run(tablePlan.table(), action, runId);
        listener.actionFinished(tablePlan.table(), action, done, clock.millis() - actionStarted);
        tableMetrics = tableMetrics.plus(done);
        purged |= action instanceof MaintenanceAction.PurgeArchive;
      }
      if (!purged) {
        record(tablePlan.table(), runId, tableMetrics);
      }
      metrics.put(tablePlan.table(), tableMetrics);
    }
    return new MaintenanceReport(runId, metrics, clock.millis() - started);
  }

  private MaintenanceMetrics run(TableName name, MaintenanceAction action, String runId) {
    Table table = catalog.loadTable(name).orElseThrow();
    if (action instanceof MaintenanceAction.DropPartitions drop) {
      return dropPartitions(table, drop, runId);
    }
    if (action instanceof MaintenanceAction.Compact compact) {
      return compact(table, compact, runId);
    }
    if (action instanceof MaintenanceAction.RewriteManifests manifests) {
      return rewriteManifests(table, manifests, runId);
    }
    if (action instanceof MaintenanceAction.ExpireSnapshots expire) {
      return expire(table, expire);
    }
    if (action instanceof MaintenanceAction.RemoveOrphanFiles orphans) {
      return removeOrphans(table, orphans);
    }
    return purge(name, (MaintenanceAction.PurgeArchive) action);
  }

  /** Partitions are whole files, so the delete is a metadata commit. */
  private static MaintenanceMetrics dropPartitions(Table table, MaintenanceAction.DropPartitions drop, String runId) {
    List<String> days = drop.days();
    DeleteFiles delete = table.newDelete().deleteFromRowFilter(inDays(days));
    CommitInfo.of(runId, "maintain: drop partitions past TTL").withDays(Day.parseAll(days)).summary()
        .forEach(delete::set);
    delete.commit();
    return new MaintenanceMetrics(days.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  private MaintenanceMetrics compact(Table table, MaintenanceAction.Compact compact, String runId) {
    RewriteDataFiles rewrite = SparkActions.get(catalog.spark()).rewriteDataFiles(table)
        .option(REWRITE_ALL, "true")
        .option(RewriteDataFiles.TARGET_FILE_SIZE_BYTES, Long.toString(compact.targetFileSizeBytes()))
        .option(RewriteDataFiles.REMOVE_DANGLING_DELETES, "true");
    if (!compact.days().isEmpty()) {
      rewrite = rewrite.filter(inDays(compact.days()));
    }
    for (Map.Entry<String, String> property : summary(runId, "maintain: compact").entrySet()) {
      rewrite = rewrite.snapshotProperty(property.getKey(), property.getValue());
    }
    RewriteDataFiles.Result result = rewrite.execute();
    return new MaintenanceMetrics(0, result.rewrittenDataFilesCount(), result.addedDataFilesCount(),
        result.removedDeleteFilesCount(), 0, 0, 0, 0, 0, 0);
  }

  private MaintenanceMetrics rewriteManifests(Table table, MaintenanceAction.RewriteManifests planned, String runId) {
    RewriteManifests rewrite = SparkActions.get(catalog.spark()).rewriteManifests(table)
        .rewriteIf(manifest -> manifest.content() == ManifestContent.DATA
            && manifest.length() < planned.targetManifestSizeBytes());
    for (Map.Entry<String, String> property : summary(runId, "maintain: rewrite manifests").entrySet()) {
      rewrite = rewrite.snapshotProperty(property.getKey(), property.getValue());
    }
    RewriteManifests.Result result = rewrite.execute();
    long rewritten = 0;
    for (Object ignored : result.rewrittenManifests()) {
      rewritten++;
    }
    return new MaintenanceMetrics(0, 0, 0, 0, rewritten, 0, 0, 0, 0, 0);
  }

  /**
   * Expires exactly the planned snapshots: the age limit is set to keep everything else, so commits made since the
   * plan (this run's own among them) stay. Iceberg's Spark action deletes only files that no remaining snapshot of
   * any ref reaches, computed from the whole metadata before and after, which is safe with tags and branches.
   */
  private MaintenanceMetrics expire(Table table, MaintenanceAction.ExpireSnapshots planned) {
    AtomicLong bytes = new AtomicLong();
    AtomicLong files = new AtomicLong();
    ExpireSnapshotsSparkAction expire = SparkActions.get(catalog.spark()).expireSnapshots(table)
        .expireOlderThan(0)
        .deleteWith(location -> {
          Long size = planned.files().get(location);
          bytes.addAndGet(size != null ? size : table.io().newInputFile(location).getLength());
          files.incrementAndGet();
          table.io().deleteFile(location);
        });
    planned.snapshotIds().forEach(expire::expireSnapshotId);
    expire.execute();
    long snapshots = planned.snapshotIds().size();
    return new MaintenanceMetrics(0, 0, 0, 0, 0, snapshots, 0, 0, files.get(), bytes.get());
  }

  /** The orphans were found at planning and are older than the floor, so no commit since can have taken them up. */
  private static MaintenanceMetrics removeOrphans(Table table, MaintenanceAction.RemoveOrphanFiles orphans) {
    long files = 0;
    long bytes = 0;
    for (Map.Entry<String, Long> orphan : orphans.files().entrySet()) {
      if (table.io().newInputFile(orphan.getKey()).exists()) {
        table.io().deleteFile(orphan.getKey());
        files++;
        bytes += orphan.getValue();
      }
    }
    return new MaintenanceMetrics(0, 0, 0, 0, 0, 0, files, 0, files, bytes);
  }

  private MaintenanceMetrics purge(TableName name, MaintenanceAction.PurgeArchive purge) {
    catalog.icebergCatalog().dropTable(TableIdentifier.of(Namespace.of(name.namespace().split("\\.")), name.name()),
        true);
    return new MaintenanceMetrics(0, 0, 0, 0, 0, 0, 0, 1, purge.files(), purge.bytes());
  }

  private void record(TableName name, String runId, MaintenanceMetrics metrics) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("run_id", runId);
    record.put("finished_at", clock.instant().toString());
    record.putAll(metrics.asMap());
    try {
      catalog.loadTable(name).orElseThrow().updateProperties()
          .set(TableProperties.LAST_MAINTENANCE, new ObjectMapper().writeValueAsString(record))
          .commit();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> summary(String runId, String action) {
    return CommitInfo.of(runId, action).summary();
  }

  private static Expression inDays(List<String> days) {
    return Expressions.in(Names.PARTITION_COLUMN, days.toArray());
  }
}
