package io.tidemark.cli;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.Backfill;
import io.tidemark.engine.BackfillPlan;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.DataCheckTiming;
import io.tidemark.engine.BackfillResult;
import io.tidemark.engine.GroupByBackfill;
import io.tidemark.engine.JoinBackfill;
import io.tidemark.engine.StagingQueryBackfill;
import io.tidemark.labels.LabelJoin;
import io.tidemark.labels.LabelPlan;
import io.tidemark.labels.LabelRange;
import io.tidemark.labels.LabelResult;
import io.tidemark.maintenance.retention.TextValues;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.jobs.upload.GroupByUpload;
import io.tidemark.online.jobs.upload.JoinMetadataUpload;
import io.tidemark.online.jobs.upload.UploadResult;
import io.tidemark.online.metadata.JoinServingInfo;
import io.tidemark.online.metadata.RequestField;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;

/**
 * The one place the command line calls the engine's jobs (backfills, label joins, uploads): each job is planned,
 * printed, run unless only planned, and summed up as a {@link StepRecord}. {@code backfill}, {@code label},
 * {@code upload} and {@code run} all go through here, so a change of the engine's entry points is adapted once.
 */
final class EngineSteps {
  /** Whether a job runs or only shows its plan. */
  enum Mode {
    RUN,
    PLAN
  }

  private final TidemarkCatalog catalog;
  private final PrintWriter progress;

  EngineSteps(TidemarkCatalog catalog, PrintWriter progress) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** The backfill of a join, GroupBy or staging query. */
  Backfill<?> backfillOf(LoadedDefinition definition) {
    return switch (definition.kind()) {
      case JOIN -> new JoinBackfill(catalog, definition.as(Join.class));
      case GROUP_BY -> new GroupByBackfill(catalog, definition.as(GroupBy.class));
      case STAGING_QUERY -> new StagingQueryBackfill(catalog, definition.as(StagingQuery.class), Clock.systemUTC());
    };
  }

  /** Plans a backfill (printing the plan to progress) and runs it unless only planned. */
  StepRecord backfill(LoadedDefinition definition, BackfillRange range, Mode mode) {
    return backfill(backfillOf(definition), range, mode);
  }

  /**
   * Plans with the checks of the data the plan alone would make (a plan that only prints), or leaves them to the run,
   * which folds them into its own jobs.
   */
  private <P extends BackfillPlan> StepRecord backfill(Backfill<P> backfill, BackfillRange range, Mode mode) {
    P plan = backfill.plan(range, mode == Mode.PLAN ? DataCheckTiming.WHILE_PLANNING : DataCheckTiming.WHILE_RUNNING);
    progress.print(plan.describe());
    progress.flush();
    String table = plan.outputTable().toString();
    if (mode == Mode.PLAN) {
      return new StepRecord("backfill", StepRecord.Status.PLANNED, table, 0, 0, List.of(),
          plan.describe().lines().findFirst().orElse(""), Optional.empty());
    }
    if (!plan.hasWork()) {
      return new StepRecord("backfill", StepRecord.Status.NOTHING_TO_DO, table, 0, 0, List.of(),
          String.format("Nothing to do for %s: %s.", plan.definition(),
              plan.nothingToFill().orElse(table + " already has every day in range")),
          Optional.empty());
    }
    BackfillResult result = backfill.run(plan, new ProgressPrinter(progress));
    StringBuilder summary = new StringBuilder(String.format("Backfilled %s: %,d row(s) in %d partition(s) of %s",
        plan.definition(), result.rowsWritten(), result.partitionsWritten(), result.outputTable()));
    if (result.rowsRecomputed() > 0) {
      summary.append(String.format(", %,d row(s) recomputed", result.rowsRecomputed()));
    }
    summary.append(String.format(", %d step(s)", result.steps().size()));
    if (result.stepsDoneByAnotherRun() > 0) {
      summary.append(String.format(" (%d of them committed first by another run of the same join)",
          result.stepsDoneByAnotherRun()));
    }
    summary.append(String.format(", %s.", Durations.format(result.millis())));
    if (!result.emptyPartitions().isEmpty()) {
      summary.append(String.format("%nDays with no input rows (nothing written; recorded, so later runs skip them): "
          + "%s", result.emptyPartitions()));
    }
    return new StepRecord("backfill", StepRecord.Status.DONE, table, result.rowsWritten() + result.rowsRecomputed(),
        result.millis(), snapshotsOf(result.outputTable(), result.runId()), summary.toString(), Optional.empty());
  }

  /** Plans a label run (printing the plan to progress) and runs it unless only planned. */
  StepRecord label(Loaded<Join> join, LabelRange range, Mode mode) {
    LabelJoin labels = new LabelJoin(catalog, join);
    LabelPlan plan = labels.plan(range);
    progress.print(plan.describe());
    progress.flush();
    String table = plan.labelTable().toString();
    if (mode == Mode.PLAN) {
      return new StepRecord("label", StepRecord.Status.PLANNED, table, 0, 0, List.of(),
          plan.describe().lines().findFirst().orElse(""), Optional.empty());
    }
    LabelResult result = labels.run(plan, new LabelProgressPrinter(progress));
    String summary;
    if (result.versionsWritten().isEmpty()) {
      summary = String.format("Nothing to label for %s: no version in range needs computing (%s).",
          plan.definition(), plan.hasWork() ? "no rows in their left days" : "every one is in " + plan.labelTable());
    } else {
      List<Day> versions = result.versionsWritten();
      summary = String.format("Labeled %s: %,d row(s) in %d version(s) of %s (label_ds %s), %s.", plan.definition(),
          result.rowsWritten(), versions.size(), result.labelTable(), DayRange.spanning(versions),
          Durations.format(result.millis()));
    }
    summary += String.format("%nViews: %s, %s", result.labeledView(), result.labeledLatestView());
    return new StepRecord("label", result.versionsWritten().isEmpty() ? StepRecord.Status.NOTHING_TO_DO
        : StepRecord.Status.DONE, table, result.rowsWritten(), result.millis(),
        snapshotsOf(result.labelTable(), result.runId()), summary, Optional.empty());
  }

  /**
   * Uploads a GroupBy's values as of the end of {@code ds} to the online store in {@code layout}; on a cluster the
   * executors' sorted files travel through {@code stagingDir}.
   */
  StepRecord upload(Loaded<GroupBy> groupBy, Day ds, OnlineLayout layout, Optional<String> stagingDir) {
    UploadResult result;
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store())) {
      result = new GroupByUpload(catalog, store, new ServingMetadata(layout), line -> {
        progress.println(line);
        progress.flush();
      }, stagingDir).run(groupBy, ds);
    }
    String summary = String.format("Uploaded %s version %s to %s: %,d keys, %s in %s.", result.groupBy(),
        result.ds(), layout.root(), result.keys(), TextValues.size(result.bytes()), Durations.format(result.millis()));
    return new StepRecord("upload", StepRecord.Status.DONE, result.groupBy() + "@" + result.ds(), result.keys(),
        result.millis(), List.of(), summary, Optional.empty());
  }

  /** Stores what a join fetch needs in {@code layout}, noting parts without uploaded data. */
  StepRecord uploadMetadata(Loaded<Join> join, OnlineLayout layout) {
    long started = System.currentTimeMillis();
    JoinServingInfo info = new JoinMetadataUpload(catalog, new ServingMetadata(layout)).run(join);
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store())) {
      info.parts().stream().filter(part -> store.versions(part.groupBy()).isEmpty()).forEach(part ->
          progress.printf("Note: GroupBy %s has no uploaded data yet; fetches of %s fail until you run tidemark "
              + "upload --conf <its definition> --ds <day>.%n", part.groupBy(), info.name()));
    }
    progress.flush();
    String summary = String.format("Wrote the serving metadata of %s to %s: request fields %s; %d part(s), %d value "
            + "column(s).", info.name(), layout.joinMetadata(info.name()),
        String.join(", ", info.requestFields().stream().map(RequestField::name).toList()), info.parts().size(),
        info.valueFields().size());
    return new StepRecord("upload-metadata", StepRecord.Status.DONE, info.name(), info.parts().size(),
        System.currentTimeMillis() - started, List.of(), summary, Optional.empty());
  }

  /** The snapshots of {@code table} that run {@code runId} committed, oldest first. */
  private List<Long> snapshotsOf(TableName table, String runId) {
    List<Long> ids = new ArrayList<>();
    catalog.loadTable(table).ifPresent(loaded -> StreamSupport.stream(loaded.snapshots().spliterator(), false)
        .filter(snapshot -> runId.equals(snapshot.summary().get(TableProperties.RUN_ID)))
        .map(Snapshot::snapshotId)
        .forEach(ids::add));
    return ids;
  }
}
