package io.tidemark.engine;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.ExternalPart;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.api.validation.GroupByRules;
import io.tidemark.api.validation.Problem;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.plan.DefinitionChanges;
import io.tidemark.engine.plan.FillRange;
import io.tidemark.engine.spark.ComputedStep;
import io.tidemark.engine.spark.ConcurrentCommitException;
import io.tidemark.engine.spark.JoinAnalyzer;
import io.tidemark.engine.spark.JoinComputation;
import io.tidemark.engine.spark.Provenance;
import io.tidemark.engine.spark.Recompute;
import io.tidemark.engine.spark.StepInput;
import io.tidemark.engine.spark.StepWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fills a join's output table with point-in-time-correct rows, one committed step at a time, for the left partitions
 * it does not have yet. Values come from the bootstrap sources where they cover a row, and are computed for the rest.
 *
 * <p>The table stores the semantic hash of the definition that wrote it. When the definition changed since, the
 * backfill first decides what that asks (see {@link DefinitionChanges}): a changed left source or row ids archive the
 * table and rebuild it; added or changed parts get their columns recomputed for the rows already written; removed
 * parts lose their columns; added, changed or removed bootstrap sources have the rows they touch derived again.
 *
 * <p>{@link #plan} checks everything, the data included, and decides what to do without writing; {@link #run} does it.
 * Rerunning is safe: filled partitions (and left partitions that yielded no rows) are skipped, each step merges its
 * rows on their row keys, and the new hash is stored only once every step is committed.
 */
public final class JoinBackfill implements Backfill {
  /** How often a step commits before a conflict with another run's commits is reported. */
  private static final int COMMIT_ATTEMPTS = 3;

  private final TidemarkCatalog catalog;
  private final Join join;
  private final String file;
  private final SemanticHash hash;
  private final Clock clock;
  private JoinComputation computation;
  private DefinitionChanges changes;
  private Set<String> recomputedColumns = Set.of();
  private TableName archive;

  public JoinBackfill(TidemarkCatalog catalog, Loaded<Join> join) {
    this(catalog, join, Clock.systemUTC());
  }

  /** @param clock names archives by the time they are made */
  public JoinBackfill(TidemarkCatalog catalog, Loaded<Join> join, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.join = join.definition();
    this.file = join.file();
    // The label part never changes this table: its hash is stored on the label table.
    this.hash = SemanticHash.of(this.join).withoutLabel();
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Checks the join against its tables and data, and decides what to recompute and fill; writes nothing. */
  @Override
  public BackfillPlan plan(BackfillRange range) {
    computation = JoinAnalyzer.analyze(catalog, join, file);
    TableName output = Names.joinOutputTable(join);
    Optional<Table> existing = catalog.loadTable(output);
    existing.ifPresent(table -> OutputTables.checkOwner(table, output, join.name(), file));
    changes = existing.map(table -> DefinitionChanges.between(OutputTables.storedHash(table), hash))
        .orElseGet(DefinitionChanges::newTable);
    List<String> decisions = new ArrayList<>();
    OutputTableState state = switch (changes.kind()) {
      case NEW_TABLE -> OutputTableState.NEW;
      case OTHER_ALGORITHM -> throw OutputTables.otherAlgorithm(existing.orElseThrow(), output, file);
      case UNVERSIONED, UNCHANGED -> {
        OutputTables.checkColumns(existing.orElseThrow(), output, computation.outputSchema(), file);
        yield OutputTableState.EXISTING;
      }
      case EVOLVE -> {
        recomputedColumns = recomputedColumns();
        OutputTables.checkEvolution(existing.orElseThrow(), output, computation.outputSchema(), recomputedColumns,
            file);
        decisions.addAll(describeEvolution());
        yield OutputTableState.EVOLVED;
      }
      case REBUILD -> {
        archive = Names.archiveTable(output, clock.instant());
        decisions.add(String.join(" and ", changes.rebuildReasons()) + ": " + output + " is archived as " + archive
            + " (kept and readable) and rebuilt");
        yield OutputTableState.REBUILT;
      }
    };

    SortedSet<String> done = new TreeSet<>();
    SortedSet<String> written = new TreeSet<>();
    if (state == OutputTableState.EXISTING || state == OutputTableState.EVOLVED) {
      written.addAll(catalog.partitions(output));
      done.addAll(written);
      done.addAll(OutputTables.emptyPartitions(existing.orElseThrow()));
    }
    String start = later(range.startDs(), join.left().query().startPartition());
    String end = earlier(range.endDs(), join.left().query().endPartition());
    TableName left = TableName.parse(join.left().table());
    SortedSet<String> leftPartitions = catalog.partitions(left);
    checkLeftPartitions(left, leftPartitions, start, end);
    FillRange fill = FillRange.plan(leftPartitions, done, start, end, range.stepDays());
    List<PlannedStep> evolution = new ArrayList<>();
    if (state == OutputTableState.EVOLVED) {
      List<List<String>> existingSteps = FillRange.plan(written, Set.of(), null, null, range.stepDays()).steps();
      if (!recomputedColumns.isEmpty()) {
        existingSteps.forEach(days -> evolution.add(new PlannedStep(StepKind.RECOMPUTE_COLUMNS, days)));
      }
      if (!changes.touchedSources().isEmpty()) {
        existingSteps.forEach(days -> evolution.add(new PlannedStep(StepKind.REDERIVE_ROWS, days)));
      }
    }
    SortedSet<String> recomputed = new TreeSet<>(written);
    recomputed.retainAll(leftPartitions);
    List<PlannedStep> recomputeSteps = BackfillSteps.recomputeSteps(range, recomputed, start, end,
        FillRange.Steps.WITHIN_SPAN);
    evolution.addAll(recomputeSteps);

    Problems problems = new Problems();
    Set<String> checked = new TreeSet<>(fill.missing());
    if (!changes.touchedSources().isEmpty()) {
      checked.addAll(written);
    }
    recomputeSteps.forEach(step -> checked.addAll(step.days()));
    computation.checkRowIds(List.copyOf(checked), file, problems);
    computation.checkEventTimes(fill.missing(), file, GroupByRules.queryPath("left", join.left(), "timeColumn"),
        problems);
    problems.throwIfErrors();
    return new BackfillPlan("Join", join.name(), output, state, computation.describeLeft(), fill, describeParts(),
        decisions, evolution);
  }

  /** The left's partitions must be days, and some must fall in the range; otherwise there is nothing to join to. */
  private void checkLeftPartitions(TableName left, SortedSet<String> partitions, String start, String end) {
    String field = "left." + (join.left().dataModel() == DataModel.EVENTS ? "events" : "entities") + ".table";
    Problems problems = new Problems();
    List<String> notDays = partitions.stream().filter(day -> !PartitionDates.isValid(day)).limit(3).toList();
    if (!notDays.isEmpty()) {
      problems.error(file, field, left + " has ds values that are not days written yyyy-MM-dd, e.g. "
          + String.join(", ", notDays), "write ds as yyyy-MM-dd (e.g. 2023-11-01); rewrite the table with a "
          + "converted ds column, e.g. date_format(to_date(ds, 'yyyyMMdd'), 'yyyy-MM-dd')");
      problems.throwIfErrors();
    }
    SortedSet<String> inRange = partitions.subSet(start == null ? "" : start, end == null ? "\uffff" : end + "\0");
    if (inRange.isEmpty()) {
      String range = (start == null ? "" : start) + ".." + (end == null ? "" : end);
      // Not a wrong definition: the data has not landed (yet), so a scheduler retries rather than alerts.
      Problem notReady = new Problem(Problem.Severity.ERROR, file, field, left + (partitions.isEmpty()
              ? " has no partitions"
              : " has no partitions in " + range + " (it has " + partitions.first() + ".." + partitions.last() + ")"),
          "choose --start-ds and --end-ds (or the left query's startPartition and endPartition) within its "
              + "partitions, or wait for its data to land");
      throw new TidemarkException(ErrorCategory.INPUTS_NOT_READY, "Inputs not ready:\n  " + notReady.render());
    }
  }

  @Override
  public BackfillResult run(BackfillPlan plan, BackfillListener listener) {
    requireNonNull(computation, "Cannot run a backfill before planning it");
    TableName output = plan.outputTable();
    if (plan.tableState() == OutputTableState.REBUILT) {
      OutputTables.archive(catalog, output, archive, clock.instant(), String.join(" and ", changes.rebuildReasons()));
    } else if (plan.tableState() == OutputTableState.EVOLVED) {
      OutputTables.evolveSchema(catalog.loadTable(output).orElseThrow(), computation.outputSchema(),
          recomputedColumns);
    }
    Map<String, String> properties = new LinkedHashMap<>(join.metaData().tableProperties());
    properties.put(TableProperties.TABLE_TYPE, TableType.JOIN.propertyValue());
    properties.put(TableProperties.DEFINITION, join.name());
    properties.putAll(OutputTables.hashProperties(hash));
    StepWriter writer = StepWriter.mergingOn(catalog, output, properties, Names.rowKeyColumns(join));
    BackfillResult result = BackfillSteps.run(plan, BackfillSteps.newRunId(), listener, (runId, step) ->
        switch (step.kind()) {
          case FILL -> fill(writer, runId, step.days(), output);
          case RECOMPUTE_COLUMNS -> recompute(writer, runId, step, Recompute.columns(recomputedColumns));
          case REDERIVE_ROWS -> recompute(writer, runId, step, Recompute.rowsTouchedBy(changes.touchedSources(),
              suppliedBefore(output, step.days())));
          case RECOMPUTE_DAYS -> withRetries(() -> false, () -> recomputeDays(writer, runId, step.days(), output));
        });
    catalog.loadTable(output).ifPresent(table -> OutputTables.storeHash(table, hash));
    return result;
  }

  /**
   * Fills {@code days}, unless another run filled them meanwhile. When another run commits to the table while this
   * step commits, the step checks again what is filled and retries: its MERGE on the row keys cannot duplicate rows.
   */
  private BackfillSteps.StepOutcome fill(StepWriter writer, String runId, List<String> days, TableName output) {
    return withRetries(() -> filledByNow(output).containsAll(days),
        () -> fillOnce(writer, runId, days, output));
  }

  private BackfillSteps.StepOutcome fillOnce(StepWriter writer, String runId, List<String> days, TableName output) {
    StepInput input = computation.stepInput(days);
    long written = 0;
    Optional<CoverageLedger> coverage = Optional.empty();
    if (input.hasRows()) {
      try (ComputedStep computed = computation.compute(input, runId)) {
        written = writer.write(computed.rows(), input.days(), runId, summary(computed));
        coverage = Optional.of(computed.coverage());
      }
    }
    if (!input.emptyDays().isEmpty()) {
      if (!catalog.tableExists(output)) {
        // The table is created without rows, so that it can record the days.
        Dataset<Row> noRows = catalog.spark().createDataFrame(List.of(), computation.outputSchema());
        writer.write(noRows, input.emptyDays(), runId, Map.of(TableProperties.DEFINITION_HASH, hash.digest()));
      }
      OutputTables.recordEmptyPartitions(catalog.loadTable(output).orElseThrow(), input.emptyDays());
    }
    return new BackfillSteps.StepOutcome(written, input.emptyDays(), coverage);
  }

  /**
   * Computes days the table has again and replaces exactly their partitions in one commit; a day whose left rows are
   * all filtered out now is left empty and recorded so.
   */
  private BackfillSteps.StepOutcome recomputeDays(StepWriter writer, String runId, List<String> days,
      TableName output) {
    StepInput input = computation.stepInput(days);
    long written;
    Optional<CoverageLedger> coverage = Optional.empty();
    if (input.hasRows()) {
      try (ComputedStep computed = computation.compute(input, runId)) {
        written = writer.replace(computed.rows(), days, runId, summary(computed));
        coverage = Optional.of(computed.coverage());
      }
    } else {
      Dataset<Row> noRows = catalog.spark().createDataFrame(List.of(), computation.outputSchema());
      written = writer.replace(noRows, days, runId, Map.of(TableProperties.DEFINITION_HASH, hash.digest()));
    }
    if (!input.emptyDays().isEmpty()) {
      OutputTables.recordEmptyPartitions(catalog.loadTable(output).orElseThrow(), input.emptyDays());
    }
    return new BackfillSteps.StepOutcome(written, input.emptyDays(), coverage);
  }

  /** Recomputes a step's rows; a conflicting commit of another run is answered by merging again. */
  private BackfillSteps.StepOutcome recompute(StepWriter writer, String runId, PlannedStep step, Recompute recompute) {
    return withRetries(() -> false, () -> recomputeOnce(writer, runId, step, recompute));
  }

  private BackfillSteps.StepOutcome recomputeOnce(StepWriter writer, String runId, PlannedStep step,
      Recompute recompute) {
    StepInput input = computation.stepInput(step.days());
    if (!input.hasRows()) {
      return new BackfillSteps.StepOutcome(0, input.emptyDays());
    }
    try (ComputedStep computed = computation.compute(input, runId, recompute)) {
      Set<String> columns = recompute.columns().orElseGet(computation::valueColumns);
      Set<String> kept = new LinkedHashSet<>(computation.valueColumns());
      kept.removeAll(columns);
      writer.update(computed.rows(), input.days(), runId, step.kind().description(), columns, kept,
          summary(computed));
      return new BackfillSteps.StepOutcome(computed.coverage().rows(), input.emptyDays(),
          Optional.of(computed.coverage()));
    }
  }

  private static BackfillSteps.StepOutcome withRetries(BooleanSupplier doneByAnotherRun,
      Supplier<BackfillSteps.StepOutcome> step) {
    for (int attempt = 1; ; attempt++) {
      if (doneByAnotherRun.getAsBoolean()) {
        return BackfillSteps.StepOutcome.doneByAnotherRun();
      }
      try {
        return step.get();
      } catch (ConcurrentCommitException e) {
        if (attempt == COMMIT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The days the table holds now, with rows or recorded as without left rows; none while it does not exist. */
  private Set<String> filledByNow(TableName output) {
    Optional<Table> table = catalog.loadTable(output);
    if (table.isEmpty()) {
      return Set.of();
    }
    Set<String> filled = new TreeSet<>(catalog.partitions(output));
    filled.addAll(OutputTables.emptyPartitions(table.get()));
    return filled;
  }

  /** The row keys and days of the rows the touched bootstrap sources supplied a value to before. */
  private Dataset<Row> suppliedBefore(TableName output, List<String> days) {
    Dataset<Row> rows = catalog.spark().table(catalog.sqlName(output))
        .filter(col(Names.PARTITION_COLUMN).isin(days.toArray()));
    return Provenance.suppliedBy(rows, changes.touchedSources(), computation.rowKeyColumns());
  }

  private Map<String, String> summary(ComputedStep computed) {
    return Map.of(TableProperties.COVERAGE, computed.coverage().toJson(),
        TableProperties.DEFINITION_HASH, hash.digest());
  }

  /** The value columns of the parts (join and external) that were added or changed. */
  private Set<String> recomputedColumns() {
    Set<String> parts = new LinkedHashSet<>(changes.addedParts());
    parts.addAll(changes.changedParts());
    Map<String, List<String>> columnsOfPart = new LinkedHashMap<>();
    computation.partColumns().forEach((part, columns) -> columnsOfPart.put(SemanticHash.PART + part, columns));
    for (ExternalPart part : join.externalParts()) {
      columnsOfPart.put(SemanticHash.EXTERNAL + Names.cleanName(part.name()), Names.externalColumns(part));
    }
    Set<String> columns = new LinkedHashSet<>();
    parts.forEach(part -> columns.addAll(columnsOfPart.getOrDefault(part, List.of())));
    return columns;
  }

  private List<String> describeEvolution() {
    List<String> lines = new ArrayList<>();
    changes.addedParts().forEach(part -> lines.add(part + " added: its columns are added and filled for the rows "
        + "already written, by MERGE"));
    changes.changedParts().forEach(part -> lines.add(part + " changed: only its columns are recomputed, by MERGE "
        + "(earlier snapshots keep the old values)"));
    changes.removedParts().forEach(part -> lines.add(part + " removed: its columns leave the current schema "
        + "(earlier snapshots keep them)"));
    if (!changes.touchedSources().isEmpty()) {
      lines.add(String.join(", ", changes.touchedSources()) + " added, changed or removed: the rows they match now "
          + "or supplied before are derived again, by MERGE");
    }
    return lines;
  }

  private List<String> describeParts() {
    List<String> parts = new ArrayList<>();
    for (JoinPart part : join.joinParts()) {
      GroupBy groupBy = part.groupBy();
      String kind = groupBy.hasAggregations()
          ? groupBy.effectiveAccuracy() + " aggregations of events"
          : "snapshot columns as of the previous day";
      parts.add(groupBy.name() + ": " + Names.joinPartColumns(part).size() + " column(s), " + kind);
    }
    parts.addAll(computation.describeBootstraps());
    return parts;
  }

  private static String later(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
  }

  private static String earlier(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }
}
