package io.tidemark.engine;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.ExternalPart;
import io.tidemark.api.definition.Join;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.api.validation.Problem;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.ConcurrentCommitException;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.compute.ComputedStep;
import io.tidemark.engine.compute.JoinAnalyzer;
import io.tidemark.engine.compute.JoinComputation;
import io.tidemark.engine.compute.Provenance;
import io.tidemark.engine.compute.Recompute;
import io.tidemark.engine.compute.StepInput;
import io.tidemark.engine.plan.DefinitionChanges;
import io.tidemark.engine.plan.EngineSupport;
import io.tidemark.engine.plan.FillHistory;
import io.tidemark.engine.plan.FillRange;
import io.tidemark.engine.plan.ParentJoins;
import io.tidemark.engine.write.StepWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
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
 * <p>{@link #plan} checks everything and decides what to do without writing, into a {@link JoinBackfillPlan};
 * {@link #run} does it, each step one commit that carries its rows, the days it found without rows and, on the last
 * step, the new hash. Rerunning is safe: filled partitions (and left partitions that yielded no rows) are skipped, and
 * a step replaces exactly the partitions it covers.
 */
public final class JoinBackfill implements Backfill<JoinBackfillPlan> {
  /** How often a step commits before a conflict with another run's commits is reported. */
  private static final int COMMIT_ATTEMPTS = 3;

  private final TidemarkCatalog catalog;
  private final Join join;
  private final Location at;
  private final SemanticHash hash;
  private final Clock clock;

  public JoinBackfill(TidemarkCatalog catalog, Loaded<Join> join) {
    this(catalog, join, Clock.systemUTC());
  }

  /** @param clock names archives by the time they are made */
  public JoinBackfill(TidemarkCatalog catalog, Loaded<Join> join, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.join = join.definition();
    this.at = join.location();
    // The label part never changes this table: its hash is stored on the label table.
    this.hash = SemanticHash.of(this.join).withoutLabel();
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Checks the join against its tables and data, and decides what to recompute and fill; writes nothing. */
  @Override
  public JoinBackfillPlan plan(BackfillRange range) {
    return plan(range, DataCheckTiming.WHILE_PLANNING);
  }

  /**
   * Like {@link #plan(BackfillRange)}; with {@link DataCheckTiming#WHILE_RUNNING} the checks of row ids are left to
   * the run, which folds them into jobs it runs anyway (a rebuild still checks while planning: it archives the table
   * before its first step).
   */
  @Override
  public JoinBackfillPlan plan(BackfillRange requested, DataCheckTiming timing) {
    BackfillRange range = requested.forDefinition(join.metaData());
    List<ParentJoins.Reader> readers = ParentJoins.of(join, at);
    // What the engine does not compute is known without tables: reported with what they show, or before parents.
    Problems found = new Problems();
    EngineSupport.check(join, at, found);
    ParentJoins.requireTables(catalog, readers, found);
    JoinComputation computation;
    try (RunProfile.Stage stage = RunProfile.stage("plan: analyze")) {
      computation = JoinAnalyzer.analyze(catalog, join, at, found);
    }
    TableName output = Names.joinOutputTable(join);
    RunProfile.Stage outputStage = RunProfile.stage("plan: output table");
    Optional<OwnedTable> existing = OwnedTable.load(catalog, output);
    existing.ifPresent(table -> OutputTables.checkOwner(table.iceberg(), output, join.name(), at));
    Optional<SemanticHash> stored = existing.flatMap(table -> OutputTables.storedHash(table.iceberg()));
    DefinitionChanges changes = existing.isPresent() ? DefinitionChanges.between(stored, hash)
        : DefinitionChanges.newTable();
    List<String> decisions = new ArrayList<>();
    Set<String> recomputedColumns = Set.of();
    Optional<TableName> archive = Optional.empty();
    OutputTableState state = switch (changes.kind()) {
      case NEW_TABLE -> OutputTableState.NEW;
      case OTHER_ALGORITHM -> throw OutputTables.otherAlgorithm(existing.orElseThrow().iceberg(), output, at);
      case UNVERSIONED, UNCHANGED -> {
        OutputTables.checkColumns(existing.orElseThrow().iceberg(), output, computation.outputSchema(), at);
        yield OutputTableState.EXISTING;
      }
      case EVOLVE -> {
        recomputedColumns = recomputedColumns(computation, changes);
        OutputTables.checkEvolution(existing.orElseThrow().iceberg(), output, computation.outputSchema(),
            recomputedColumns, at);
        decisions.addAll(describeEvolution(changes, computation.recomputesFromTable(recomputedColumns)
            ? "by rewriting those days" : "by MERGE"));
        yield OutputTableState.EVOLVED;
      }
      case REBUILD -> {
        archive = Optional.of(Names.archiveTable(output, clock.instant()));
        decisions.add(String.join(" and ", changes.rebuildReasons()) + ": " + output + " is archived as "
            + archive.get() + " (kept and readable) and rebuilt");
        yield OutputTableState.REBUILT;
      }
    };

    SortedSet<Day> done = new TreeSet<>();
    SortedSet<Day> written = new TreeSet<>();
    if (state == OutputTableState.EXISTING || state == OutputTableState.EVOLVED) {
      written.addAll(existing.orElseThrow().days());
      done.addAll(written);
      done.addAll(existing.orElseThrow().emptyDays());
    }
    outputStage.close();
    Optional<Day> leftStart = Optional.ofNullable(join.left().query().startPartition()).map(Day::parse);
    Optional<Day> start = Day.later(range.start(), leftStart);
    Optional<Day> end =
        Day.earlier(range.end(), Optional.ofNullable(join.left().query().endPartition()).map(Day::parse));
    TableName left = TableName.parse(join.left().table());
    SortedSet<String> leftPartitions;
    try (RunProfile.Stage stage = RunProfile.stage("plan: left partitions")) {
      leftPartitions = catalog.partitions(left, join.left().subPartition());
    }
    // The left's partitions are read as days once they are checked; a range of no days needs none of them.
    SortedSet<Day> leftDays = new TreeSet<>();
    if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
      // A scheduler's day before the left query's first (or after its last) partition: nothing to fill, not a fault.
      decisions.add(BackfillPlan.NOTHING_TO_FILL + (start.equals(leftStart)
          ? "the last day asked for, " + end.get() + ", is before the left query's startPartition " + start.get()
          : "the first day asked for, " + start.get() + ", is after the left query's endPartition " + end.get()));
    } else {
      leftDays = checkLeftPartitions(left, leftPartitions, start, end);
    }
    SortedSet<Day> fillable = FillHistory.days(join.metaData().history(), leftDays, start, end);
    FillRange fill = FillRange.plan(fillable, done, start, end, range.stepDays());
    List<PlannedStep> evolution = new ArrayList<>();
    if (state == OutputTableState.EVOLVED) {
      List<List<Day>> existingSteps =
          FillRange.plan(written, Set.of(), Optional.empty(), Optional.empty(), range.stepDays()).steps();
      if (!recomputedColumns.isEmpty()) {
        existingSteps.forEach(days -> evolution.add(new PlannedStep(StepKind.RECOMPUTE_COLUMNS, days)));
      }
      if (!changes.touchedSources().isEmpty()) {
        existingSteps.forEach(days -> evolution.add(new PlannedStep(StepKind.REDERIVE_ROWS, days)));
      }
    }
    List<PlannedStep> recomputeSteps = BackfillSteps.recomputeSteps(range, written, fillable, start, end,
        FillRange.Steps.WITHIN_SPAN);
    evolution.addAll(recomputeSteps);
    SortedSet<Day> computed = new TreeSet<>(fill.missing());
    evolution.forEach(step -> computed.addAll(step.days()));
    ParentJoins.requireDays(catalog, readers,
        computed.isEmpty() ? Optional.empty() : Optional.of(DayRange.spanning(computed)));

    Problems problems = new Problems();
    DataCheckTiming checks = state == OutputTableState.REBUILT ? DataCheckTiming.WHILE_PLANNING : timing;
    if (checks == DataCheckTiming.WHILE_PLANNING) {
      SortedSet<Day> checked = new TreeSet<>(fill.missing());
      if (!changes.touchedSources().isEmpty()) {
        checked.addAll(written);
      }
      recomputeSteps.forEach(step -> checked.addAll(step.days()));
      try (RunProfile.Stage stage = RunProfile.stage("plan: check row ids")) {
        computation.checkRowIds(checked, at, problems);
      }
    }
    Map<List<Day>, StepInput> knownInputs = new LinkedHashMap<>();
    try (RunProfile.Stage stage = RunProfile.stage("plan: check event times")) {
      if (!fill.missing().isEmpty()) {
        List<Day> missingDays = fill.missing();
        StepInput missing = computation.stepInput(missingDays);
        knownInputs.put(missingDays, missing);
        computation.checkEventTimes(missing, join.left().query().effectiveTimeColumn(),
            at.left().query(join.left()).field("timeColumn"), problems);
      }
    }
    problems.throwIfErrors();
    List<List<Day>> computedSteps = new ArrayList<>(fill.steps());
    recomputeSteps.forEach(step -> computedSteps.add(step.days()));
    List<String> preparations;
    try (RunProfile.Stage stage = RunProfile.stage("plan: what parts build first")) {
      preparations = computation.describePreparations(computedSteps,
          days -> knownInputs.computeIfAbsent(days, computation::stepInput));
    }
    PlanSummary summary = new PlanSummary("Join", join.name(), output, state, computation.describeLeft(), fill,
        describeParts(computation, preparations), decisions, evolution);
    return new JoinBackfillPlan(summary, existing.flatMap(OwnedTable::snapshotId), computation, hash, stored,
        changes, recomputedColumns, existing.map(JoinBackfill::columnsEverWritten).orElse(Set.of()), archive,
        knownInputs, checks);
  }

  /**
   * The left's partitions as days: they must be days, and some must fall in the range; otherwise there is nothing to
   * join to.
   */
  private SortedSet<Day> checkLeftPartitions(TableName left, SortedSet<String> partitions, Optional<Day> start,
      Optional<Day> end) {
    Location field = at.left().table(join.left());
    // Named as written: with a sub-partition, a day is present when it has the sub-partition's rows.
    String name = left.toString() + join.left().subPartition();
    Problems problems = new Problems();
    PartitionDays.check(left, partitions, field, problems);
    problems.throwIfErrors();
    SortedSet<Day> days = Day.parseAll(partitions);
    if (days.stream().noneMatch(day -> day.within(start, end))) {
      String range = start.map(Day::toString).orElse("") + ".." + end.map(Day::toString).orElse("");
      // Not a wrong definition: the data has not landed (yet), so a scheduler retries rather than alerts.
      Problem notReady = Problem.error(ErrorCode.INPUT_PARTITION_MISSING, field, name
          + (partitions.isEmpty()
              ? " has no partitions"
              : " has no partitions in " + range + " (it has " + partitions.first() + ".." + partitions.last() + ")"),
          "choose --start-ds and --end-ds (or the left query's startPartition and endPartition) within its "
              + "partitions, or wait for its data to land");
      throw new TidemarkException(ErrorCode.INPUT_PARTITION_MISSING, "Inputs not ready:", List.of(notReady));
    }
    return days;
  }

  @Override
  public BackfillResult run(JoinBackfillPlan plan, BackfillListener listener) {
    Run run = new Run(plan, BackfillSteps.newRunId());
    run.checkBase();
    plan.archive().ifPresent(archive -> OutputTables.archive(catalog, plan.outputTable(), archive, clock.instant(),
        String.join(" and ", plan.changes().rebuildReasons())));
    BackfillResult result = BackfillSteps.run(plan.summary(), run.runId, listener, (runId, step) ->
        switch (step.kind()) {
          case FILL -> run.fill(step);
          case RECOMPUTE_COLUMNS -> run.recomputeColumns(step);
          case REDERIVE_ROWS -> run.rederive(step);
          case RECOMPUTE_DAYS -> run.recomputeDays(step);
        });
    run.finish();
    return result;
  }

  /**
   * One run of a plan: what it has committed so far. The backfill itself keeps nothing between runs; this lives as
   * long as {@link #run} does.
   */
  private final class Run {
    private final JoinBackfillPlan plan;
    private final String runId;
    private final TableName output;
    private final Map<String, String> tableProperties;
    private final int lastStep;
    private int stepsBegun;
    private boolean schemaEvolved;
    private boolean hashStored;
    private Optional<Long> lastSeen;

    Run(JoinBackfillPlan plan, String runId) {
      this.plan = plan;
      this.runId = runId;
      this.output = plan.outputTable();
      this.lastStep = plan.steps().size();
      this.lastSeen = plan.baseSnapshot();
      Map<String, String> properties =
          new LinkedHashMap<>(OutputTables.writerProperties(plan.computation().outputSchema()));
      properties.putAll(join.metaData().tableProperties());
      properties.put(TableProperties.TABLE_TYPE, TableType.JOIN.propertyValue());
      properties.put(TableProperties.DEFINITION, join.name());
      properties.putAll(OutputTables.hashProperties(plan.hash()));
      this.tableProperties = properties;
    }

    /**
     * The table may have moved since the plan was made (another run of the same join committed), but not in a way
     * that changes what the plan decided: it must still be the join's, with the hash it had.
     */
    void checkBase() {
      Optional<OwnedTable> table = OwnedTable.load(catalog, output);
      if (table.flatMap(OwnedTable::snapshotId).equals(plan.baseSnapshot())) {
        return;
      }
      boolean expectsTable = plan.tableState() != OutputTableState.NEW;
      Optional<SemanticHash> storedNow = table.flatMap(owned -> OutputTables.storedHash(owned.iceberg()));
      boolean sameTable = table.isEmpty() ? !expectsTable
          : table.get().definition().equals(Optional.of(join.name()))
              && (storedNow.equals(plan.storedHash()) || !expectsTable && storedNow.equals(Optional.of(plan.hash())));
      if (!sameTable) {
        throw new TidemarkException(ErrorCode.TABLE_CHANGED, "Cannot run the plan for " + join.name() + ": "
            + output + " changed since it was planned (" + plan.baseSnapshot().map(id -> "snapshot " + id)
            .orElse("no table") + " then, " + table.flatMap(OwnedTable::snapshotId).map(id -> "snapshot " + id)
            .orElse("no table") + " now) in a way the plan did not foresee. Fix: run the backfill again; it plans "
            + "anew");
      }
    }

    /**
     * Fills a step's days, unless another run filled them meanwhile. A commit that meets another run's rows in the
     * same days fails, and the step tries again with the days still missing.
     */
    BackfillSteps.StepOutcome fill(PlannedStep step) {
      return withRetries(() -> fillOnce(step.days()));
    }

    /**
     * One attempt at a step's days. The days still missing are read from the same load of the table that the commit
     * is based on: the commit checks only what other runs add after its base, so days read from an earlier load could
     * be filled by another run in between and then written twice.
     */
    private BackfillSteps.StepOutcome fillOnce(List<Day> stepDays) {
      Optional<OwnedTable> table = OwnedTable.load(catalog, output);
      List<Day> days = missing(table, stepDays);
      if (days.isEmpty()) {
        return BackfillSteps.StepOutcome.doneByAnotherRun();
      }
      StepInput input = stepInput(days);
      // The summary names the days the rows cover; a commit of days without rows names those.
      CommitInfo info = CommitInfo.of(runId, "backfill").withDays(input.hasRows() ? input.days() : input.emptyDays());
      long written = 0;
      Optional<CoverageLedger> coverage = Optional.empty();
      // The step that creates the table checks its rows first, so that rows it refuses leave no namespace behind
      // (creating the table's change creates its namespace). A table that exists is read as of the change's base
      // before the rows are computed, so that the commit's check against other runs covers the whole step.
      Optional<ComputedStep> computed = input.hasRows() && table.isEmpty()
          ? Optional.of(computeChecked(input)) : Optional.empty();
      try {
        if (computed.isPresent() && catalog.tableExists(output)) {
          throw new ConcurrentCommitException(output, info,
              new IllegalStateException("another run created the table while this step computed its rows"));
        }
        try (TableChange change = begin(info, table, Optional.of(days))) {
          if (input.hasRows()) {
            if (computed.isEmpty()) {
              computed = Optional.of(computeChecked(input));
            }
            written = StepWriter.write(change.addSummary(summary(computed.get())), computed.get().rows(),
                input.rows(), StepWriter.Days.ADD, StepWriter.Columns.FIXED);
            coverage = Optional.of(computed.get().coverage());
          }
          change.recordEmptyDays(input.emptyDays());
          commit(change);
        }
      } finally {
        computed.ifPresent(ComputedStep::close);
      }
      return new BackfillSteps.StepOutcome(written, input.emptyDays(), coverage);
    }

    /** Recomputes the columns of added or changed parts for a step's rows already written. */
    BackfillSteps.StepOutcome recomputeColumns(PlannedStep step) {
      return withRetries(() -> recomputeColumnsOnce(step));
    }

    private BackfillSteps.StepOutcome recomputeColumnsOnce(PlannedStep step) {
      StepInput input = stepInput(step.days());
      if (!input.hasRows()) {
        return new BackfillSteps.StepOutcome(0, input.emptyDays());
      }
      Set<String> columns = plan.recomputedColumns();
      CommitInfo info = CommitInfo.of(runId, step.kind().description()).withDays(step.days());
      try (TableChange change = begin(info, OwnedTable.load(catalog, output), Optional.empty())) {
        if (plan.computation().recomputesFromTable(columns)) {
          // The rows already written keep their other columns: only the changed parts are computed, and the days
          // are rewritten.
          Dataset<Row> existing = catalog.spark().table(change.sqlName())
              .filter(col(Names.PARTITION_COLUMN).isin(Day.texts(input.days()).toArray()));
          try (ComputedStep computed = plan.computation().recomputeFromTable(existing, input, runId, columns,
              plan.columnsEverWritten())) {
            StepWriter.write(change.addSummary(summary(computed)), computed.rows(), input.rows(),
                StepWriter.Days.REPLACE, StepWriter.Columns.FIXED);
            commit(change);
            return new BackfillSteps.StepOutcome(computed.coverage().rows(), input.emptyDays(),
                Optional.of(computed.coverage()));
          }
        }
        try (ComputedStep computed = plan.computation().compute(input, runId, Recompute.columns(columns))) {
          verifyRowIds(input.days(), computed);
          update(change.addSummary(summary(computed)), computed, columns, input);
          commit(change);
          return new BackfillSteps.StepOutcome(computed.coverage().rows(), input.emptyDays(),
              Optional.of(computed.coverage()));
        }
      }
    }

    /**
     * Computes days the table has again and replaces exactly their partitions in one commit; a day whose left rows
     * are all filtered out now is left empty and recorded so.
     */
    BackfillSteps.StepOutcome recomputeDays(PlannedStep step) {
      return withRetries(() -> recomputeDaysOnce(step));
    }

    private BackfillSteps.StepOutcome recomputeDaysOnce(PlannedStep step) {
      StepInput input = stepInput(step.days());
      CommitInfo info = CommitInfo.of(runId, step.kind().description()).withDays(step.days());
      long written = 0;
      Optional<CoverageLedger> coverage = Optional.empty();
      try (TableChange change = begin(info, OwnedTable.load(catalog, output), Optional.empty())) {
        if (input.hasRows()) {
          try (ComputedStep computed = computeChecked(input)) {
            change.addSummary(summary(computed));
            written = StepWriter.overwriteDays(change, computed.rows(), input.rows(), step.days());
            coverage = Optional.of(computed.coverage());
          }
        } else {
          written = StepWriter.overwriteDays(change,
              catalog.spark().createDataFrame(List.of(), plan.computation().outputSchema()), input.rows(),
              step.days());
        }
        change.recordEmptyDays(input.emptyDays());
        commit(change);
      }
      return new BackfillSteps.StepOutcome(written, input.emptyDays(), coverage);
    }

    /** Derives again every column of the rows the changed bootstrap sources match now or supplied before. */
    BackfillSteps.StepOutcome rederive(PlannedStep step) {
      return withRetries(() -> rederiveOnce(step));
    }

    private BackfillSteps.StepOutcome rederiveOnce(PlannedStep step) {
      StepInput input = stepInput(step.days());
      if (!input.hasRows()) {
        return new BackfillSteps.StepOutcome(0, input.emptyDays());
      }
      CommitInfo info = CommitInfo.of(runId, step.kind().description()).withDays(step.days());
      try (TableChange change = begin(info, OwnedTable.load(catalog, output), Optional.empty())) {
        Recompute recompute = Recompute.rowsTouchedBy(plan.changes().touchedSources(), suppliedBefore(step.days()));
        try (ComputedStep computed = plan.computation().compute(input, runId, recompute)) {
          verifyRowIds(input.days(), computed);
          update(change.addSummary(summary(computed)), computed, plan.computation().valueColumns(), input);
          commit(change);
          return new BackfillSteps.StepOutcome(computed.coverage().rows(), input.emptyDays(),
              Optional.of(computed.coverage()));
        }
      }
    }

    /** Sets {@code columns} and the provenance of the rows already written that {@code computed} has. */
    private void update(TableChange change, ComputedStep computed, Set<String> columns, StepInput input) {
      Set<String> kept = new LinkedHashSet<>(plan.computation().valueColumns());
      kept.removeAll(columns);
      StepWriter.update(change, computed.rows(), plan.computation().rowKeyColumns(), input.days(), columns,
          kept);
    }

    /**
     * A change for the next step, based on {@code table} as the step loaded it: it creates the table when there was
     * none, applies the evolved schema on the first step of an evolving table, and carries the hash on the last step
     * (a table that evolves takes its new hash only once every step is in).
     */
    private TableChange begin(CommitInfo info, Optional<OwnedTable> table, Optional<List<Day>> newDays) {
      stepsBegun++;
      if (table.isEmpty()) {
        return OwnedTable.create(catalog, output, OutputTables.schemaOf(plan.computation().outputSchema()),
            OutputTables.byDay(OutputTables.schemaOf(plan.computation().outputSchema())), tableProperties, info);
      }
      TableChange change = newDays.map(days -> table.get().fill(info, days))
          .orElseGet(() -> table.get().change(info));
      // A table made before a writer setting existed takes it with this commit, for the writes after it.
      Map<String, String> missing =
          new LinkedHashMap<>(OutputTables.writerProperties(plan.computation().outputSchema()));
      missing.keySet().removeIf(key -> table.get().property(key).isPresent()
          || join.metaData().tableProperties().containsKey(key));
      change.setProperties(missing);
      if (plan.tableState() == OutputTableState.EVOLVED && !schemaEvolved) {
        OutputTables.evolveSchema(change, plan.computation().outputSchema());
      }
      if (stepsBegun == lastStep || plan.tableState() != OutputTableState.EVOLVED) {
        change.setProperties(OutputTables.hashProperties(plan.hash()));
      }
      return change;
    }

    private void commit(TableChange change) {
      try (RunProfile.Stage stage = RunProfile.stage("commit")) {
        lastSeen = change.commit().map(snapshot -> snapshot.snapshotId());
      }
      schemaEvolved = true;
      hashStored |= stepsBegun == lastStep || plan.tableState() != OutputTableState.EVOLVED;
    }

    /**
     * After the last step: an evolving table whose schema or hash no step committed (every step found nothing to
     * write, or the plan had no steps) gets them in a commit of their own.
     */
    void finish() {
      boolean evolving = plan.tableState() == OutputTableState.EVOLVED;
      if (hashStored || !catalog.tableExists(output)
          || !evolving && plan.storedHash().equals(Optional.of(plan.hash()))) {
        return;
      }
      try (TableChange change = OwnedTable.load(catalog, output).orElseThrow()
          .change(CommitInfo.of(runId, "store semantic hash"))) {
        if (evolving && !schemaEvolved) {
          OutputTables.evolveSchema(change, plan.computation().outputSchema());
        }
        change.setProperties(OutputTables.hashProperties(plan.hash()));
        try (RunProfile.Stage stage = RunProfile.stage("store hash")) {
          change.commit();
        }
      }
    }

    /** A step's left rows, as planning summarized them when it did. */
    private StepInput stepInput(List<Day> days) {
      StepInput known = plan.knownInputs().get(days);
      if (known != null) {
        return known;
      }
      try (RunProfile.Stage stage = RunProfile.stage("step input")) {
        return plan.computation().stepInput(days);
      }
    }

    /** A step's rows, computed, with the row ids they share checked; the caller closes them once written. */
    private ComputedStep computeChecked(StepInput input) {
      ComputedStep computed = plan.computation().compute(input, runId);
      try {
        verifyRowIds(input.days(), computed);
      } catch (RuntimeException e) {
        computed.close();
        throw e;
      }
      return computed;
    }

    /**
     * The checks of row ids that planning left to the run, before the step writes: the coverage counts found whether
     * rows share their ids (or a left row was matched twice); a join without bootstrap sources counts its left's row
     * ids in one narrow job. Only when some do, the checks planning would have made run, to report every problem
     * with its examples, exactly as planning would have.
     */
    private void verifyRowIds(List<Day> days, ComputedStep computed) {
      if (plan.checks() != DataCheckTiming.WHILE_RUNNING) {
        return;
      }
      long sharing;
      try (RunProfile.Stage stage = RunProfile.stage("count rows sharing row ids")) {
        sharing = computed.rowsSharingKeys().orElseGet(() -> plan.computation().leftRowsSharingIds(days));
      }
      if (sharing > 0) {
        Problems problems = new Problems();
        plan.computation().checkRowIds(days, at, problems);
        problems.throwIfErrors();
      }
    }

    /**
     * The days of {@code days} the table still lacks: all of them while it is as this run last saw it (as planned,
     * or as its own last commit left it); a table another run has moved is listed again.
     */
    private List<Day> missing(Optional<OwnedTable> table, List<Day> days) {
      if (table.isEmpty() || table.get().snapshotId().equals(lastSeen)) {
        return days;
      }
      Set<Day> filled = table.get().filledDays();
      return days.stream().filter(day -> !filled.contains(day)).toList();
    }

    /** The row keys and days of the rows the touched bootstrap sources supplied a value to before. */
    private Dataset<Row> suppliedBefore(List<Day> days) {
      Dataset<Row> rows = catalog.spark().table(catalog.sqlName(output))
          .filter(col(Names.PARTITION_COLUMN).isin(Day.texts(days).toArray()));
      return Provenance.suppliedBy(rows, plan.changes().touchedSources(), plan.computation().rowKeyColumns());
    }

    private Map<String, String> summary(ComputedStep computed) {
      return Map.of(TableProperties.COVERAGE, computed.coverage().toJson(),
          TableProperties.DEFINITION_HASH, plan.hash().digest());
    }
  }

  private static BackfillSteps.StepOutcome withRetries(Supplier<BackfillSteps.StepOutcome> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (ConcurrentCommitException e) {
        if (attempt == COMMIT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The names of the columns of every schema {@code table} has had. */
  private static Set<String> columnsEverWritten(OwnedTable table) {
    Set<String> columns = new HashSet<>();
    table.iceberg().schemas().values().forEach(schema -> schema.columns().forEach(field -> columns.add(field.name())));
    return columns;
  }

  /** The value columns of the parts (join and external) that were added or changed. */
  private Set<String> recomputedColumns(JoinComputation computation, DefinitionChanges changes) {
    Set<String> parts = new LinkedHashSet<>(changes.addedParts());
    parts.addAll(changes.changedParts());
    Map<String, List<String>> columnsOfPart = new LinkedHashMap<>();
    computation.partColumns().forEach((part, columns) -> columnsOfPart.put(SemanticHash.PART + part, columns));
    // An external part with an offline GroupBy is a part of the computation, among those above.
    for (ExternalPart part : join.externalParts()) {
      if (part.offlineGroupBy() != null) {
        continue;
      }
      columnsOfPart.put(SemanticHash.EXTERNAL + Names.cleanName(part.name()), Names.externalColumns(part));
    }
    Set<String> columns = new LinkedHashSet<>();
    parts.forEach(part -> columns.addAll(columnsOfPart.getOrDefault(part, List.of())));
    return columns;
  }

  /**
   * @param recomputedBy how the columns of added and changed parts are written: by rewriting the days with the rows
   *     already written as the left, or by MERGE when bootstrap sources or left columns provide some of them
   */
  private static List<String> describeEvolution(DefinitionChanges changes, String recomputedBy) {
    List<String> lines = new ArrayList<>();
    changes.addedParts().forEach(part -> lines.add(part + " added: its columns are added and filled for the rows "
        + "already written, " + recomputedBy));
    changes.changedParts().forEach(part -> lines.add(part + " changed: only its columns are recomputed, "
        + recomputedBy + " (earlier snapshots keep the old values)"));
    changes.removedParts().forEach(part -> lines.add(part + " removed: its columns leave the current schema "
        + "(earlier snapshots keep them)"));
    if (!changes.touchedSources().isEmpty()) {
      lines.add(String.join(", ", changes.touchedSources()) + " added, changed or removed: the rows they match now "
          + "or supplied before are derived again, by MERGE");
    }
    return lines;
  }

  /** What the parts compute, then what they build first ({@code preparations}), derivations and bootstrap sources. */
  private List<String> describeParts(JoinComputation computation, List<String> preparations) {
    List<String> parts = new ArrayList<>(PartDescriptions.of(join));
    parts.addAll(preparations);
    computation.describeDerivations().ifPresent(parts::add);
    parts.addAll(computation.describeBootstraps());
    return parts;
  }
}
