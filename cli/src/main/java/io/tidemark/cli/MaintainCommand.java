package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.maintenance.retention.MaintainedTable;
import io.tidemark.maintenance.retention.MaintenanceAction;
import io.tidemark.maintenance.retention.MaintenanceMetrics;
import io.tidemark.maintenance.retention.MaintenanceOptions;
import io.tidemark.maintenance.retention.MaintenancePlan;
import io.tidemark.maintenance.retention.MaintenancePlanner;
import io.tidemark.maintenance.retention.MaintenanceReport;
import io.tidemark.maintenance.retention.MaintenanceRunner;
import io.tidemark.maintenance.retention.MaintenanceScope;
import io.tidemark.maintenance.retention.RetentionOverrides;
import io.tidemark.maintenance.retention.RetentionSetting;
import io.tidemark.maintenance.retention.TextValues;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark maintain}: plans retention for a join's tables or the whole catalog (expire snapshots, drop
 * partitions past their TTL, compact, rewrite manifests, remove orphan files, purge old archives), prints the plan,
 * then carries it out unless it is a dry run.
 */
@Command(name = "maintain", description = "Apply retention to a join's tables (--conf) or every table (--all): drop "
    + "partitions past their TTL, compact small files, rewrite manifests, expire snapshots (never one a tag or branch "
    + "holds), remove orphan files, purge archives past their lifetime. Prints the plan first.")
final class MaintainCommand implements Callable<Integer> {
  @Mixin
  CatalogJob job;

  @ArgGroup(multiplicity = "1")
  Scope scope;

  @Mixin
  DefinitionOptions definitions;

  static final class Scope {
    @Option(names = "--conf", paramLabel = "FILE",
        description = "A join: its output, archives, labels, log (with its schema versions) and consistency metrics. "
            + RemoteDefinitions.HELP)
    Path conf;

    @Option(names = "--all", description = "Every table of the catalog that Tidemark wrote.")
    boolean all;
  }

  @Mixin
  DryRunOption dryRun;

  @Option(names = "--snapshot-age", paramLabel = "DURATION",
      description = "Expire snapshots older than this (e.g. 7d, 36h); overrides definitions and tables.")
  String snapshotAge;

  @Option(names = "--min-snapshots", paramLabel = "N", description = "Keep at least the N newest snapshots.")
  String minSnapshots;

  @Option(names = "--partition-ttl", paramLabel = "DURATION",
      description = "Drop partitions older than this, or none; log tables default to 90d, others to none.")
  String partitionTtl;

  @Option(names = "--archive-lifetime", paramLabel = "DURATION", description = "Purge archives older than this.")
  String archiveLifetime;

  @Option(names = "--target-file-size", paramLabel = "SIZE", description = "Compact toward files of this size "
      + "(e.g. 128MB).")
  String targetFileSize;

  @Option(names = "--orphan-older-than", paramLabel = "DURATION", description = "Remove orphan files older than this; "
      + "24h or more (default: 3d).")
  String orphanOlderThan = TextValues.duration(MaintenanceOptions.DEFAULT_ORPHAN_FLOOR);

  @Mixin
  ReportOutput output;

  @Override
  public Integer call() {
    PrintWriter out = job.out();
    PrintWriter err = job.err();
    MaintenanceOptions options = new MaintenanceOptions(Clock.systemUTC().instant(), orphanFloor(), overrides());
    Loaded<Join> join = scope.conf == null ? null : Definitions.join(scope.conf, "maintain",
        job.readOptions(definitions), err);
    TidemarkCatalog catalog = job.open(dryRun.access());
    List<MaintainedTable> tables = join == null ? MaintenanceScope.all(catalog) : MaintenanceScope.ofJoin(catalog, join);
    MaintenancePlan plan = new MaintenancePlanner(catalog).plan(tables, options);
    MaintenancePlanPrinter.print(plan, options.orphanFloor(), dryRun.on() && !output.json() ? out : err);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("dry_run", dryRun.on());
    document.put("planned_at", plan.plannedAt().toString());
    document.put("plan", plan.tables().stream().map(table -> {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("table", table.table().toString());
      fields.put("kind", table.kind().label());
      fields.put("actions", table.actions().stream().map(MaintenanceAction::describe).toList());
      fields.put("notes", table.notes());
      return fields;
    }).toList());
    document.put("left_alone", plan.skipped().stream().map(TableName::toString).toList());
    if (dryRun.on() || plan.isEmpty()) {
      if (output.json()) {
        output.print(document, out);
      } else {
        out.println(dryRun.on() ? "Dry run: nothing was changed."
            : "Nothing to do: every table in scope is within its retention.");
        out.flush();
      }
      return 0;
    }
    MaintenanceReport report = new MaintenanceRunner(catalog, Clock.systemUTC())
        .run(plan, new MaintenanceProgressPrinter(err));
    if (output.json()) {
      document.put("run_id", report.runId());
      document.put("seconds", report.millis() / 1000.0);
      Map<String, Object> maintained = new LinkedHashMap<>();
      report.tables().forEach((table, metrics) -> maintained.put(table.toString(), metrics.asMap()));
      document.put("done", maintained);
      document.put("total", report.total().asMap());
      output.print(document, out);
    } else {
      printSummary(report, out);
    }
    return 0;
  }

  private Duration orphanFloor() {
    return TextValues.parseDuration(orphanOlderThan).orElseThrow(() -> new TidemarkException(
        ErrorCode.INVALID_OPTION, "Invalid --orphan-older-than '" + orphanOlderThan
            + "'. Fix: give a duration of 24h or more, such as 3d"));
  }

  private RetentionOverrides overrides() {
    Map<RetentionSetting, String> given = new EnumMap<>(RetentionSetting.class);
    putIfGiven(given, RetentionSetting.SNAPSHOT_AGE, snapshotAge);
    putIfGiven(given, RetentionSetting.MIN_SNAPSHOTS, minSnapshots);
    putIfGiven(given, RetentionSetting.PARTITION_TTL, partitionTtl);
    putIfGiven(given, RetentionSetting.ARCHIVE_LIFETIME, archiveLifetime);
    putIfGiven(given, RetentionSetting.TARGET_FILE_SIZE, targetFileSize);
    return RetentionOverrides.fromOptions(given);
  }

  private static void putIfGiven(Map<RetentionSetting, String> given, RetentionSetting setting, String value) {
    if (value != null) {
      given.put(setting, value);
    }
  }

  private static void printSummary(MaintenanceReport report, PrintWriter out) {
    MaintenanceMetrics total = report.total();
    out.printf("Maintained %d table(s) in %s: %d partition(s) dropped; %d data file(s) compacted into %d, %d delete "
            + "file(s) removed; %d manifest(s) rewritten; %d snapshot(s) expired; %d orphan file(s) removed; %d "
            + "archive(s) purged. Deleted %d file(s), %s.%n", report.tables().size(),
        Durations.format(report.millis()), total.partitionsDropped(), total.dataFilesRewritten(),
        total.dataFilesWritten(), total.deleteFilesRemoved(), total.manifestsRewritten(), total.snapshotsExpired(),
        total.orphanFilesDeleted(), total.archivesPurged(), total.filesDeleted(), TextValues.size(total.bytesDeleted()));
    out.printf("Run %s; each maintained table records its counts in the property %s.%n", report.runId(),
        TableProperties.LAST_MAINTENANCE);
    out.flush();
  }
}
