package io.tidemark.engine;

import static io.tidemark.engine.compute.JoinAnalyzer.analyzeGroupBy;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.Source;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.compute.ComputedStep;
import io.tidemark.engine.compute.DerivedColumns;
import io.tidemark.engine.compute.JoinComputation;
import io.tidemark.engine.compute.LeftStep;
import io.tidemark.engine.compute.StepInput;
import io.tidemark.engine.plan.FillHistory;
import io.tidemark.engine.plan.FillRange;
import io.tidemark.engine.plan.ParentJoins;
import io.tidemark.engine.write.StepWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A GroupBy's daily table: per day and key, its features as of the end of the day (windows ending at the next
 * midnight), named without the join prefix. Keys whose features are all NULL on a day get no row, as in Chronon. Days
 * run from the sources' first partition (or the GroupBy's {@code backfillStartDate}) to their last, one commit per
 * step. A GroupBy with derivations writes its derived columns in place of its features, computed from each row's
 * keys, features and {@code ds} after the rows without features are left out.
 */
public final class GroupByBackfill implements Backfill<GroupByBackfillPlan> {
  private final TidemarkCatalog catalog;
  private final GroupBy groupBy;
  private final Location at;

  public GroupByBackfill(TidemarkCatalog catalog, Loaded<GroupBy> groupBy) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.groupBy = groupBy.definition();
    this.at = groupBy.location();
  }

  @Override
  public GroupByBackfillPlan plan(BackfillRange requested) {
    BackfillRange range = requested.forDefinition(groupBy.metaData());
    // Reported with what the tables show, in one error, rather than first and alone (or before parents are filled).
    Problems problems = new Problems();
    if (groupBy.metaData().outputNamespace() == null) {
      problems.error(ErrorCode.MISSING_FIELD, at.outputNamespace(), "is required to backfill a GroupBy",
          "name the namespace of its daily table, e.g. \"outputNamespace\": \"features\"");
    }
    List<ParentJoins.Reader> readers = List.of(new ParentJoins.Reader(groupBy, at, ParentJoins.Reads.END_OF_DAY));
    ParentJoins.requireTables(catalog, readers, problems);
    JoinComputation computation = analyzeGroupBy(catalog, groupBy, at, problems);
    StructType base = outputSchema(computation);
    Set<String> values = new LinkedHashSet<>(Names.groupByValueColumns(groupBy));
    Optional<DerivedColumns> derived = derive(base, values);
    StructType schema = derived.map(columns -> columns.outputSchema(base, values, Set.of(Names.PARTITION_COLUMN)))
        .orElse(base);
    TableName output = new TableName(groupBy.metaData().outputNamespace(), Names.cleanName(groupBy.name()));
    Optional<OwnedTable> existing = OwnedTable.load(catalog, output);
    existing.ifPresent(table -> {
      OutputTables.checkOwner(table.iceberg(), output, groupBy.name(), at);
      OutputTables.checkColumns(table.iceberg(), output, schema, at);
      checkDerivations(table.iceberg(), output);
    });
    SortedSet<String> sourceDays = new TreeSet<>();
    Problems notDays = new Problems();
    for (int i = 0; i < groupBy.sources().size(); i++) {
      Source source = groupBy.sources().get(i);
      TableName table = TableName.parse(source.table());
      SortedSet<String> partitions = catalog.partitions(table, source.subPartition());
      PartitionDays.check(table, partitions, at.source(i).table(source), notDays);
      sourceDays.addAll(partitions);
    }
    notDays.throwIfErrors();
    Optional<Day> start = range.start()
        .or(() -> Optional.ofNullable(groupBy.backfillStartDate()).map(Day::parse))
        .or(() -> sourceDays.isEmpty() ? Optional.empty() : Optional.of(Day.parse(sourceDays.first())));
    Optional<Day> end = range.end()
        .or(() -> sourceDays.isEmpty() ? Optional.empty() : Optional.of(Day.parse(sourceDays.last())));
    SortedSet<Day> calendar = new TreeSet<>();
    if (start.isPresent() && end.isPresent() && !start.get().isAfter(end.get())) {
      calendar.addAll(new DayRange(start.get(), end.get()).days());
    }
    SortedSet<Day> days = FillHistory.days(groupBy.metaData().history(), calendar, start, end);
    SortedSet<Day> done = existing.map(OwnedTable::days).orElseGet(TreeSet::new);
    FillRange fill = FillRange.plan(days, done, start, end, range.stepDays());
    List<PlannedStep> recompute = BackfillSteps.recomputeSteps(range, done, days, start, end,
        FillRange.Steps.WITHIN_SPAN);
    SortedSet<Day> computed = new TreeSet<>(fill.missing());
    recompute.forEach(step -> computed.addAll(step.days()));
    ParentJoins.requireDays(catalog, readers,
        computed.isEmpty() ? Optional.empty() : Optional.of(DayRange.spanning(computed)));
    String kind = groupBy.hasAggregations() ? groupBy.aggregationParts().size() + " aggregation(s) of "
        + (groupBy.dataModel() == DataModel.EVENTS ? "events" : "the entity snapshot")
        : Names.groupByValueColumns(groupBy).size() + " entity snapshot column(s)";
    List<String> details = new ArrayList<>();
    details.add(kind + " per key, as of the end of each day"
        + PartDescriptions.partials(groupBy).map(line -> ", " + line).orElse(""));
    List<List<Day>> computedSteps = new ArrayList<>(fill.steps());
    recompute.forEach(step -> computedSteps.add(step.days()));
    details.addAll(computation.describePreparations(computedSteps, computation::stepInput));
    derived.ifPresent(columns -> details.add(columns.describe()));
    PlanSummary summary = new PlanSummary("GroupBy", groupBy.name(), output,
        existing.isPresent() ? OutputTableState.EXISTING : OutputTableState.NEW, computation.describeLeft(), fill,
        details, List.of(), recompute);
    return new GroupByBackfillPlan(summary, existing.flatMap(OwnedTable::snapshotId), computation, schema, derived);
  }

  /** The GroupBy's derivations, checked against its daily table's base columns; empty for a GroupBy without any. */
  private Optional<DerivedColumns> derive(StructType base, Set<String> values) {
    if (!groupBy.hasDerivations()) {
      return Optional.empty();
    }
    Problems problems = new Problems();
    Optional<DerivedColumns> derived =
        DerivedColumns.analyze(catalog.spark(), groupBy.derivations(), base, values, at.derivations(), problems);
    problems.throwIfErrors();
    return derived;
  }

  /**
   * The days a table holds were derived with the derivations it names; a table derived otherwise would mix two
   * meanings under the same columns, so it is refused rather than extended.
   */
  private void checkDerivations(Table table, TableName output) {
    Optional<String> stored = Optional.ofNullable(table.properties().get(TableProperties.DERIVATIONS_HASH));
    if (!stored.equals(SemanticHash.ofDerivations(groupBy.derivations()))) {
      Problems problems = new Problems();
      problems.error(ErrorCode.INVALID_VALUE, at.derivations(), "differ from the derivations " + output
          + " was filled with, so its days "
          + "hold other values under these columns", "drop the table to fill it anew with these derivations, or give "
          + "the GroupBy a new name (metaData.name) for a table of its own");
      problems.throwIfErrors();
    }
  }

  @Override
  public BackfillResult run(GroupByBackfillPlan plan, BackfillListener listener) {
    Map<String, String> properties = new LinkedHashMap<>(groupBy.metaData().tableProperties());
    properties.put(TableProperties.TABLE_TYPE, TableType.GROUP_BY.propertyValue());
    properties.put(TableProperties.DEFINITION, groupBy.name());
    SemanticHash.ofDerivations(groupBy.derivations())
        .ifPresent(hash -> properties.put(TableProperties.DERIVATIONS_HASH, hash));
    TableName output = plan.outputTable();
    return BackfillSteps.run(plan.summary(), BackfillSteps.newRunId(), listener, (runId, step) -> {
      boolean recompute = step.kind() == StepKind.RECOMPUTE_DAYS;
      // The keys of the step's days are found once, for its summary and its computation.
      try (LeftStep left = plan.computation().readLeft(step.days(), runId)) {
        StepInput input = left.input();
        if (!input.hasRows() && !recompute) {
          return new BackfillSteps.StepOutcome(0, input.emptyDays());
        }
        CommitInfo info = CommitInfo.of(runId, recompute ? step.kind().description() : "backfill")
            .withDays(step.days());
        try (TableChange change = OwnedTable.load(catalog, output).map(table -> table.change(info))
            .orElseGet(() -> OwnedTable.create(catalog, output, OutputTables.schemaOf(plan.schema()),
                OutputTables.byDay(OutputTables.schemaOf(plan.schema())), properties, info))) {
          Optional<ComputedStep> computed = input.hasRows()
              ? Optional.of(plan.computation().compute(left, runId)) : Optional.empty();
          try {
            Dataset<Row> rows = computed.map(ComputedStep::rows).map(computedRows -> dailyRows(plan, computedRows))
                .orElseGet(() -> catalog.spark().createDataFrame(List.of(), plan.schema()));
            long written = recompute ? StepWriter.overwriteDays(change, rows, input.rows(), step.days())
                : StepWriter.write(change, rows, input.rows(), StepWriter.Days.REPLACE, StepWriter.Columns.FIXED);
            change.commit();
            return new BackfillSteps.StepOutcome(written, input.emptyDays());
          } finally {
            computed.ifPresent(ComputedStep::close);
          }
        }
      }
    });
  }

  /**
   * The {@code computed} rows with the GroupBy's own column names, without keys whose features are all NULL, and
   * without provenance: every value is computed by the run. Derived, when the GroupBy has derivations.
   */
  private Dataset<Row> dailyRows(GroupByBackfillPlan plan, Dataset<Row> computed) {
    Dataset<Row> rows = computed.drop(Names.PROVENANCE_COLUMN);
    String prefix = Names.joinPartPrefix(JoinPart.of(groupBy)) + "_";
    List<Column> columns = new ArrayList<>();
    Column anyFeature = null;
    for (String name : rows.columns()) {
      if (name.startsWith(prefix)) {
        columns.add(col(name).as(name.substring(prefix.length())));
        anyFeature = anyFeature == null ? col(name).isNotNull() : anyFeature.or(col(name).isNotNull());
      } else {
        columns.add(col(name));
      }
    }
    Dataset<Row> features = rows.filter(anyFeature).select(columns.toArray(Column[]::new));
    return plan.derived().map(derived -> derived.apply(features, plan.schema(), Map.of(), Map.of()))
        .orElse(features);
  }

  private StructType outputSchema(JoinComputation computation) {
    String prefix = Names.joinPartPrefix(JoinPart.of(groupBy)) + "_";
    List<StructField> fields = new ArrayList<>();
    for (StructField field : computation.outputSchema().fields()) {
      if (field.name().equals(Names.PROVENANCE_COLUMN)) {
        continue;
      }
      String name = field.name().startsWith(prefix) ? field.name().substring(prefix.length()) : field.name();
      fields.add(DataTypes.createStructField(name, field.dataType(), true));
    }
    return DataTypes.createStructType(fields);
  }
}
