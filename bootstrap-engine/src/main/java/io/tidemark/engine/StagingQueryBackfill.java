package io.tidemark.engine;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.MetaData;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.template.QueryTemplate;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.compute.AnalysisMessages;
import io.tidemark.engine.compute.Setups;
import io.tidemark.engine.plan.FillHistory;
import io.tidemark.engine.plan.FillRange;
import io.tidemark.engine.write.StepWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * A staging query's table, filled over the days it does not have: each step renders the query for one run of
 * consecutive days and keeps the rows whose {@code ds} falls in it. New columns in the query are added to the table;
 * columns it drops are written as NULL. Days run from {@code startPartition} (or {@code --start-ds}) to
 * {@code --end-ds} (default: today, UTC).
 */
public final class StagingQueryBackfill implements Backfill<StagingQueryBackfillPlan> {
  private final TidemarkCatalog catalog;
  private final StagingQuery query;
  private final Location at;
  private final Clock clock;
  private final QueryTemplate template;

  public StagingQueryBackfill(TidemarkCatalog catalog, Loaded<StagingQuery> query, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.query = query.definition();
    this.at = query.location();
    this.clock = requireNonNull(clock, "clock is null");
    this.template = new QueryTemplate(this.query.query());
  }

  @Override
  public StagingQueryBackfillPlan plan(BackfillRange requested) {
    BackfillRange range = requested.forDefinition(query.metaData());
    Problems problems = new Problems();
    Map<String, String> maxDates = new HashMap<>();
    Day latestDate = range.end().orElseGet(() -> new Day(LocalDate.now(clock)));
    // A query that fills only its latest day needs no first day.
    Optional<Day> start = range.start()
        .or(() -> Optional.ofNullable(query.startPartition()).map(Day::parse))
        .or(() -> query.metaData().history() == MetaData.History.LATEST_DAY ? Optional.of(latestDate)
            : Optional.empty());
    if (start.isEmpty()) {
      problems.error(ErrorCode.MISSING_FIELD, at.field("startPartition"),
          "is required to fill a staging query day by day",
          "set \"startPartition\": \"2023-11-01\", or pass --start-ds");
    }
    for (String table : template.maxDateTables()) {
      SortedSet<String> partitions = partitionsOf(table);
      if (partitions.isEmpty()) {
        problems.error(ErrorCode.INVALID_VALUE, at.field("query"), "max_date(table=" + table
            + ") has no partitions to take the latest of",
            "load " + table + " first, or change the macro");
      } else {
        maxDates.put(table, partitions.last());
      }
    }
    // The query is checked even when the definition lacks its first day, so that one error lists everything; it
    // cannot be rendered when a max_date table has no partitions, nor analyzed when a setup it may need failed.
    int beforeSetups = problems.errors().size();
    Setups.run(catalog.spark(), query.setups(), at.field("setups"), problems);
    if (problems.errors().size() == beforeSetups && maxDates.keySet().containsAll(template.maxDateTables())) {
      checkResult(start.orElse(latestDate), latestDate, maxDates, problems);
    }
    problems.throwIfErrors();
    TableName output = new TableName(query.metaData().outputNamespace(), Names.cleanName(query.name()));
    Optional<OwnedTable> existing = OwnedTable.load(catalog, output);
    existing.ifPresent(table -> OutputTables.checkOwner(table.iceberg(), output, query.name(), at));
    SortedSet<Day> calendar = new TreeSet<>();
    if (!start.get().isAfter(latestDate)) {
      calendar.addAll(new DayRange(start.get(), latestDate).days());
    }
    Optional<Day> end = Optional.of(latestDate);
    SortedSet<Day> days = FillHistory.days(query.metaData().history(), calendar, start, end);
    SortedSet<Day> done = existing.map(OwnedTable::days).orElseGet(TreeSet::new);
    FillRange fill = FillRange.plan(days, done, start, end, range.stepDays(), FillRange.Steps.CONTIGUOUS);
    List<PlannedStep> recompute = BackfillSteps.recomputeSteps(range, done, days, start, end,
        FillRange.Steps.CONTIGUOUS);
    PlanSummary summary = new PlanSummary("StagingQuery", query.name(), output,
        existing.isPresent() ? OutputTableState.EXISTING : OutputTableState.NEW, "calendar days", fill,
        List.of("the query, rendered for each step's first and last day; "
            + "days the table has are not run again, so rows that arrive later for them are read only with "
            + "--recompute"), List.of(), recompute);
    return new StagingQueryBackfillPlan(summary, existing.flatMap(OwnedTable::snapshotId), latestDate, maxDates);
  }

  @Override
  public BackfillResult run(StagingQueryBackfillPlan plan, BackfillListener listener) {
    Map<String, String> properties = new LinkedHashMap<>(query.metaData().tableProperties());
    properties.put(TableProperties.TABLE_TYPE, TableType.STAGING_QUERY.propertyValue());
    properties.put(TableProperties.DEFINITION, query.name());
    // The query's columns may change from step to step: new ones are added to the table.
    properties.put("write.spark.accept-any-schema", "true");
    TableName output = plan.outputTable();
    // A plan made in another session left no functions or views in this one.
    Setups.run(catalog.spark(), query.setups(), at.field("setups"));
    return BackfillSteps.run(plan.summary(), BackfillSteps.newRunId(), listener, (runId, planned) -> {
      List<Day> step = planned.days();
      boolean recompute = planned.kind() == StepKind.RECOMPUTE_DAYS;
      Day first = step.get(0);
      Day last = step.get(step.size() - 1);
      Dataset<Row> rows = result(first, last, plan.latestDate(), plan.maxDates())
          .filter(col(Names.PARTITION_COLUMN).between(first.toString(), last.toString()));
      CommitInfo info = CommitInfo.of(runId, recompute ? planned.kind().description() : "backfill")
          .withDays(step);
      long written;
      try (TableChange change = OwnedTable.load(catalog, output).map(table -> table.change(info))
          .orElseGet(() -> OwnedTable.create(catalog, output, OutputTables.schemaOf(rows.schema()),
              OutputTables.byDay(OutputTables.schemaOf(rows.schema())), properties, info))) {
        // How many rows a query yields is not known before it runs: one writer per day of the step at most.
        long expected = step.size() * StepWriter.MIN_ROWS_PER_WRITER;
        written = recompute ? StepWriter.overwriteDays(change, rows, expected, step)
            : StepWriter.write(change, rows, expected, StepWriter.Days.REPLACE, StepWriter.Columns.EVOLVING);
        change.commit();
      }
      SortedSet<String> present = catalog.partitions(output);
      return new BackfillSteps.StepOutcome(written,
          step.stream().filter(day -> !present.contains(day.toString())).toList());
    });
  }

  /** The query of a range, analyzed by Spark (nothing runs yet). */
  private Dataset<Row> result(Day first, Day last, Day latestDate, Map<String, String> maxDates) {
    return catalog.spark().sql(template.render(first.toString(), last.toString(), latestDate.toString(),
        maxDates::get));
  }

  /** The query must analyze and yield a string ds column; checked on the first range before anything is written. */
  private void checkResult(Day start, Day latestDate, Map<String, String> maxDates, Problems problems) {
    try {
      Dataset<Row> rows = result(start, start, latestDate, maxDates);
      Optional<StructField> day = Arrays.stream(rows.schema().fields())
          .filter(field -> field.name().equals(Names.PARTITION_COLUMN)).findFirst();
      if (day.isEmpty() || !(day.get().dataType() instanceof StringType)) {
        problems.error(day.isEmpty() ? ErrorCode.MISSING_COLUMN : ErrorCode.TYPE_MISMATCH, at.field("query"), "yields "
            + (day.isEmpty() ? "no ds column" : "a ds column of type "
                + day.get().dataType().simpleString()) + "; each row needs its day as a yyyy-MM-dd string in ds",
            "select the day as ds, e.g. \"..., ds FROM ...\" or \"..., CAST(day AS STRING) AS ds\"");
      }
    } catch (Exception e) {
      problems.error(ErrorCode.INVALID_EXPRESSION, at.field("query"), "does not analyze: "
          + AnalysisMessages.of(AnalysisMessages.analysisFailure(e)),
          "correct the SQL (the macros are replaced by days, e.g. " + start + ")");
    }
  }

  private SortedSet<String> partitionsOf(String table) {
    TableName name = TableName.parse(table);
    return catalog.tableExists(name) ? catalog.partitions(name) : new TreeSet<>();
  }
}
