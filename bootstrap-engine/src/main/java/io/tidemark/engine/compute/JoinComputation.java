package io.tidemark.engine.compute;

import static io.tidemark.api.Preconditions.checkState;
import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.EventTimes;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.RunProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A join that passed analysis, as the backfills use it: how to read its left rows, which bootstrap sources provide
 * values, and how each part computes its columns for the rows the bootstraps leave uncovered; beyond
 * {@link BoundJoin}, the checks of row ids and event times and the recomputation of columns already written. Base
 * columns are the left's columns, every part's columns in definition order, the external parts' columns, the row key
 * (for joins without row ids), the provenance of the values, then {@code ds}. A join with derivations writes its
 * derived columns in place of the parts' and external parts' columns (see {@link DerivedColumns}), computed from the
 * base columns after bootstrap; a bootstrapped value of a derived column is taken where it is not NULL.
 */
public final class JoinComputation implements BoundJoin {
  private static final String LEFT_ROW = "__left_row";
  private static final String SHARED = "__rows_with_identity";
  private static final String DERIVED_VALUE = "__derived_bootstrap_";
  private static final String DERIVED_SUPPLIER = "__derived_supplier_";
  /** The base columns that stay after the value columns, in this order, derived or not. */
  private static final Set<String> TRAILING = Set.of(Names.ROW_KEY_COLUMN, Names.PROVENANCE_COLUMN,
      Names.PARTITION_COLUMN);

  private final LeftRows left;
  private final LeftTimeline timeline;
  private final List<PartComputation> parts;
  private final List<String> partNames;
  private final List<StructField> externalFields;
  private final List<String> rowIds;
  private final List<BootstrapSource> bootstraps;
  private final Optional<TableName> logNotYetWritten;
  private final Set<String> leftValueColumns;
  private final Optional<DerivedColumns> derived;
  private final StructType baseSchema;
  private final StructType outputSchema;

  /**
   * @param partNames each part's name in the coverage ledger (its column prefix)
   * @param rowIds the join's row ids; without them, rows are keyed by {@link RowKeys}
   * @param leftValueColumns left columns named like output columns, whose values take precedence
   * @param derived the join's derivations, checked against {@link #baseSchema}; empty for none
   */
  JoinComputation(LeftRows left, LeftTimeline timeline, List<PartComputation> parts, List<String> partNames,
      List<StructField> externalFields, List<String> rowIds, BootstrapAnalysis.Bootstraps bootstraps,
      Set<String> leftValueColumns, Optional<DerivedColumns> derived) {
    this.left = left;
    this.timeline = timeline;
    this.parts = List.copyOf(parts);
    this.partNames = List.copyOf(partNames);
    this.externalFields = List.copyOf(externalFields);
    this.rowIds = List.copyOf(rowIds);
    this.bootstraps = bootstraps.sources();
    this.logNotYetWritten = bootstraps.logNotYetWritten();
    this.leftValueColumns = Set.copyOf(leftValueColumns);
    this.derived = derived;
    this.baseSchema = baseSchema(left.schema(), parts, externalFields, rowIds, leftValueColumns);
    this.outputSchema = derived.map(columns -> columns.outputSchema(baseSchema, valueColumns(), TRAILING))
        .orElse(baseSchema);
  }

  /**
   * The columns of an output row before derivation: the left's columns (but {@code ds} and {@code leftValueColumns}),
   * every part's, the external parts', the row key (without row ids), the provenance, then {@code ds}.
   */
  static StructType baseSchema(StructType left, List<PartComputation> parts, List<StructField> externalFields,
      List<String> rowIds, Set<String> leftValueColumns) {
    List<StructField> fields = new ArrayList<>();
    for (StructField field : left.fields()) {
      if (!field.name().equals(Names.PARTITION_COLUMN) && !leftValueColumns.contains(field.name())) {
        fields.add(DataTypes.createStructField(field.name(), field.dataType(), true));
      }
    }
    parts.forEach(part -> fields.addAll(part.outputFields()));
    fields.addAll(externalFields);
    if (rowIds.isEmpty()) {
      fields.add(DataTypes.createStructField(Names.ROW_KEY_COLUMN, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(Names.PROVENANCE_COLUMN, Provenance.TYPE, true));
    fields.add(DataTypes.createStructField(Names.PARTITION_COLUMN, DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  @Override
  public String describeLeft() {
    return left.describe();
  }

  @Override
  public StructType outputSchema() {
    return outputSchema;
  }

  /** The derived columns, for people (see {@link DerivedColumns#describe}); empty for a join without derivations. */
  public Optional<String> describeDerivations() {
    return derived.map(DerivedColumns::describe);
  }

  /**
   * What is written before the steps of {@code days} are computed (daily partial aggregates), one line per table, for
   * people; {@code inputs} summarizes a step's left rows, and is asked only by parts that write something. A left
   * that writes something (a GroupBy's keys, from the partials its part reads) builds what the part would.
   */
  public List<String> describePreparations(List<List<Day>> days, Function<List<Day>, StepInput> inputs) {
    Optional<String> leftPreparation = left.describePreparation(days);
    if (leftPreparation.isPresent()) {
      return List.of(leftPreparation.get());
    }
    List<String> lines = new ArrayList<>();
    parts.forEach(part -> part.describePreparation(days, inputs).ifPresent(lines::add));
    return lines;
  }

  /** The bootstrap sources in priority order, and a log table not written yet, for people. */
  public List<String> describeBootstraps() {
    List<String> lines = new ArrayList<>();
    bootstraps.forEach(source -> lines.add(source.label() + ": " + String.join(", ", source.columns())));
    logNotYetWritten.ifPresent(log -> lines.add("bootstrap from log " + log + ": nothing logged yet (no such table), "
        + "so every row is computed"));
    return lines;
  }

  /**
   * Checks the data of {@code days} before anything is written: row ids identify one left row per day, and every
   * table bootstrap holds one row per key and day. Problems go to {@code problems}.
   */
  public void checkRowIds(Collection<Day> checked, Location join, Problems problems) {
    if (checked.isEmpty()) {
      return;
    }
    List<Day> days = List.copyOf(checked);
    if (!rowIds.isEmpty()) {
      RowIdChecks.check(left.read(days), rowIds, "the left source", join.field("rowIds"),
          "make rowIds identify one left row per day: add columns to rowIds, or filter duplicates out in the left "
              + "query",
          problems);
    }
    for (BootstrapSource source : bootstraps) {
      if (source.kind() == BootstrapSource.Kind.TABLE) {
        RowIdChecks.check(source.readAsIs(days), source.keys(), source.label(), source.location(),
            "keep one row per key and day in the part, e.g. with a where in its query", problems);
      }
    }
  }

  /**
   * Reports left event times of a step (summarized by {@link #stepInput}) that are missing, which no window can place,
   * or not milliseconds since the epoch between 1971 and 2099 (seconds, most often), which would silently leave every
   * window empty.
   *
   * @param timeColumn the left query's time column, as its wheres name it
   */
  public void checkEventTimes(StepInput span, String timeColumn, Location field, Problems problems) {
    if (timeline != LeftTimeline.EVENTS || !span.hasRows()) {
      return;
    }
    List<Day> days = span.days();
    if (span.nullTimes() > 0) {
      problems.error(ErrorCode.INVALID_EVENT_TIME, field, "the left has " + span.nullTimes()
          + " row(s) without an event time in "
          + days.get(0) + ".." + days.get(days.size() - 1) + ", which no window can place, e.g. "
          + rowsWithoutTime(days),
          "give every left row a time, or leave rows without one out with the where \"" + timeColumn
              + " IS NOT NULL\"");
      return;
    }
    EventTimes.problem(span.minTime(),
        span.maxTime()).ifPresent(problem -> problems.error(ErrorCode.INVALID_EVENT_TIME, field,
        "the left's event times in " + days.get(0) + ".." + days.get(days.size() - 1) + " " + problem,
        "give the time column in milliseconds since the epoch (for seconds: \"timeColumn\": \"ts * 1000\"), or "
            + "filter rows with bad times out with a where"));
  }

  /** The first three left rows of {@code days} without a time, as their columns' values (all but the time). */
  private String rowsWithoutTime(List<Day> days) {
    List<String> columns = Arrays.stream(left.schema().fieldNames())
        .filter(column -> !column.equals(Names.TIME_COLUMN))
        .toList();
    return left.read(days).filter(col(Names.TIME_COLUMN).isNull())
        .orderBy(columns.stream().map(column -> col(quote(column))).toArray(Column[]::new))
        .limit(3).collectAsList().stream()
        .map(row -> columns.stream().map(column -> column + "=" + row.get(row.fieldIndex(column)))
            .collect(Collectors.joining(", ", "(", ")")))
        .collect(Collectors.joining(", "));
  }

  /**
   * Summarizes the left rows of a step's days: which days have rows, how many, and their span of times (for entities
   * on the left, of their days). From table metadata when it is exact, otherwise with one small Spark job.
   */
  @Override
  public StepInput stepInput(List<Day> step) {
    return left.knownStatistics(step).orElseGet(() -> computedStatistics(step));
  }

  @Override
  public LeftStep readLeft(List<Day> step, String runId) {
    left.prepare(step, runId);
    Optional<StepInput> known = left.knownStatistics(step);
    if (known.isPresent() || !left.worthKeeping()) {
      return new LeftStep(known.orElseGet(() -> computedStatistics(step)), Optional.empty());
    }
    Dataset<Row> kept = left.read(step).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      StepInput input = computedStatistics(step, kept);
      if (input.hasRows()) {
        return new LeftStep(input, Optional.of(kept));
      }
      kept.unpersist(false);
      return new LeftStep(input, Optional.empty());
    } catch (RuntimeException e) {
      kept.unpersist(false);
      throw e;
    }
  }

  private StepInput computedStatistics(List<Day> step) {
    return computedStatistics(step, left.read(step));
  }

  /** The summary of {@code leftRows}, the left rows of the days of {@code step}. */
  private StepInput computedStatistics(List<Day> step, Dataset<Row> leftRows) {
    boolean timed = timeline == LeftTimeline.EVENTS;
    Column time = timed ? col(Names.TIME_COLUMN) : lit(null).cast("bigint");
    List<Row> stats = leftRows
        .groupBy(col(Names.PARTITION_COLUMN))
        .agg(count(lit(1)), min(time), max(time), timed ? count(lit(1)).minus(count(time)) : lit(0L))
        .collectAsList();
    Set<String> withRows = new HashSet<>();
    long rows = 0;
    long nullTimes = 0;
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    for (Row row : stats) {
      withRows.add(row.getString(0));
      rows += row.getLong(1);
      nullTimes += row.getLong(4);
      if (!row.isNullAt(2)) {
        minTime = Math.min(minTime, row.getLong(2));
        maxTime = Math.max(maxTime, row.getLong(3));
      }
    }
    List<Day> days = step.stream().filter(day -> withRows.contains(day.toString())).toList();
    List<Day> empty = step.stream().filter(day -> !withRows.contains(day.toString())).toList();
    if (minTime > maxTime) {
      // Entities on the left, or no left row with a time: the step's days bound what is read.
      minTime = days.isEmpty() ? 0 : days.get(0).startMillis();
      maxTime = days.isEmpty() ? 0 : days.get(days.size() - 1).startMillis();
    }
    return new StepInput(days, empty, rows, minTime, maxTime, nullTimes);
  }

  @Override
  public ComputedStep compute(StepInput input, String runId) {
    return compute(input, runId, Recompute.everything());
  }

  @Override
  public ComputedStep compute(LeftStep step, String runId) {
    return compute(step.input(), step.kept().orElseGet(() -> left.read(step.input().days())), runId,
        Recompute.everything());
  }

  /**
   * What {@code recompute} asks of the days of {@code input}, computed by run {@code runId}: whole output rows, or
   * for rows already written their keys, {@code ds}, the recomputed value columns and their provenance. Also where
   * the values came from.
   */
  public ComputedStep compute(StepInput input, String runId, Recompute recompute) {
    return compute(input, left.read(input.days()), runId, recompute);
  }

  /** {@link #compute(StepInput, String, Recompute)} over {@code rows}, the left rows of the days of {@code input}. */
  private ComputedStep compute(StepInput input, Dataset<Row> rows, String runId, Recompute recompute) {
    checkState(derived.isEmpty() || recompute.writesWholeRows(),
        "Cannot recompute columns of a join with derivations: its derived columns depend on every value");
    Set<String> written = new LinkedHashSet<>(recompute.columns().orElseGet(this::valueColumns));
    List<Integer> computedParts = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      if (parts.get(p).outputFields().stream().anyMatch(field -> written.contains(field.name()))) {
        computedParts.add(p);
      }
    }
    Map<String, CoverageLedger.PartCoverage> ledger = new LinkedHashMap<>();
    Set<String> computedColumns = new LinkedHashSet<>();
    if (bootstraps.isEmpty() && leftValueColumns.isEmpty() && recompute.rows() == Recompute.Rows.ALL) {
      // Without row ids, the first part's pass over the left rows assigns the row keys.
      boolean keyed = !rowIds.isEmpty();
      for (int p : computedParts) {
        parts.get(p).prepare(input, runId);
        rows = keyed ? parts.get(p).apply(rows, input) : parts.get(p).applyWithRowKeys(rows, input);
        keyed = true;
        ledger.put(partNames.get(p), new CoverageLedger.PartCoverage(input.rows(), Map.of()));
        parts.get(p).outputFields().forEach(field -> computedColumns.add(field.name()));
      }
      if (!keyed) {
        rows = RowKeys.add(rows);
      }
      return new ComputedStep(project(rows, recompute, written, computedColumns, null, runId),
          new CoverageLedger(input.rows(), ledger), OptionalLong.empty());
    }

    if (rowIds.isEmpty()) {
      rows = RowKeys.add(rows);
    }
    BootstrapJoin bootstrap = new BootstrapJoin(bootstraps, partColumns(), leftValueColumns);
    List<Day> days = input.days();
    Dataset<Row> bootstrapped = bootstrap.apply(rows, days, BootstrapJoin.Brought.VALUES);
    Row totals;
    OptionalLong sharing = OptionalLong.empty();
    // The rows whose keys the parts read events for, with their matches: the bootstrapped rows themselves, or the
    // coverage counts' rows (one per left row), kept so that finding the keys does not join the sources again. They
    // are kept only where a part may filter its events by them (steps of up to KEY_FILTER_MAX_LEFT_ROWS rows) and some
    // source may match a row: keeping costs the counts a little, and with no source rows every row is computed.
    Dataset<Row> matched = bootstrapped;
    Optional<Dataset<Row>> kept = Optional.empty();
    if (recompute.rows() == Recompute.Rows.TOUCHED_BY_SOURCES) {
      bootstrapped = touched(bootstrapped, bootstrap, recompute);
      matched = bootstrapped;
      totals = coverageTotals(bootstrapped, bootstrap);
    } else {
      Dataset<Row> narrow = rows.select(matchColumns(rows));
      if (rowIds.isEmpty()) {
        narrow = narrow.withColumn(LEFT_ROW, monotonically_increasing_id());
      }
      Dataset<Row> perLeftRow = perLeftRow(bootstrap.apply(narrow, days, BootstrapJoin.Brought.MATCHES),
          rowIds.isEmpty() ? List.of(LEFT_ROW) : identityColumns());
      if (input.rows() <= PointInTimeJoin.KEY_FILTER_MAX_LEFT_ROWS
          && bootstraps.stream().anyMatch(source -> source.mayHaveRows(days))) {
        perLeftRow = perLeftRow.persist(StorageLevel.MEMORY_AND_DISK());
        kept = Optional.of(perLeftRow);
      }
      totals = coverageTotals(perLeftRow, bootstrap);
      sharing = OptionalLong.of(totals.isNullAt(totals.length() - 1) ? 0 : totals.getLong(totals.length() - 1));
      // Where rows share an identity, the first key of each would not stand for all: the keys then come from the
      // bootstrapped rows.
      if (kept.isPresent() && sharing.getAsLong() == 0) {
        matched = perLeftRow;
      }
    }
    long total = totals.getLong(0);

    Dataset<Row> output = bootstrapped;
    for (int p : computedParts) {
      String name = partNames.get(p);
      long uncovered = totals.isNullAt(1 + bootstraps.size() + p) ? 0 : totals.getLong(1 + bootstraps.size() + p);
      Map<String, Long> fromSources = new LinkedHashMap<>();
      bootstrap.sourcesOfPart(name).forEach((label, i) ->
          fromSources.put(label, totals.isNullAt(1 + i) ? 0 : totals.getLong(1 + i)));
      ledger.put(name, new CoverageLedger.PartCoverage(uncovered, fromSources));
      if (uncovered == 0) {
        continue;
      }
      PartComputation part = parts.get(p);
      part.outputFields().forEach(field -> computedColumns.add(field.name()));
      part.prepare(input, runId);
      Optional<Column> skipped = uncovered == total ? Optional.empty() : Optional.of(bootstrap.covered(name));
      Dataset<Row> computedKeys = skipped.isPresent() ? matched.filter(not(skipped.get())) : matched;
      output = part.applyExcept(output, input.withRows(uncovered), skipped, computedKeys);
    }
    Set<Integer> matchedSources = new LinkedHashSet<>();
    for (int i = 0; i < bootstraps.size(); i++) {
      if (!totals.isNullAt(1 + i) && totals.getLong(1 + i) > 0) {
        matchedSources.add(i);
      }
    }
    Set<String> coveredEverywhere = new LinkedHashSet<>();
    ledger.forEach((part, coverage) -> {
      if (coverage.computed() == 0) {
        coveredEverywhere.add(part);
      }
    });
    return new ComputedStep(project(output, recompute, written, computedColumns,
        new Bootstrapped(bootstrap, matchedSources, coveredEverywhere), runId),
        new CoverageLedger(total, ledger), sharing, kept);
  }

  /**
   * The left columns the bootstrap sources match on, the row ids and {@code ds}: all that coverage depends on, so that
   * it is counted over a narrow copy of the rows; and the columns of the parts' keys, the events the parts read.
   */
  private Column[] matchColumns(Dataset<Row> rows) {
    Set<String> columns = new LinkedHashSet<>();
    bootstraps.forEach(source -> columns.addAll(source.keys()));
    columns.addAll(identityColumns());
    parts.forEach(part -> columns.addAll(part.leftKeyColumns()));
    return columns.stream().map(column -> rows.col(quote(column))).toArray(Column[]::new);
  }

  /** What identifies a left row of a day: its row ids, then {@code ds}. */
  private List<String> identityColumns() {
    List<String> columns = new ArrayList<>(rowIds);
    columns.add(Names.PARTITION_COLUMN);
    return columns;
  }

  /**
   * The {@code matched} rows grouped by what identifies a left row ({@code identity}): per source whether it matched
   * (and the version it matched), the parts' key columns, and how many rows had the identity after the join ({@link
   * #SHARED}: left rows that share their row ids, or rows a source matched more than once). Grouping by the row ids
   * follows the join's own partitioning when the sources match on them, so it costs no shuffle.
   */
  private Dataset<Row> perLeftRow(Dataset<Row> matched, List<String> identity) {
    List<Column> perRow = new ArrayList<>();
    perRow.add(count(lit(1)).as(SHARED));
    for (int i = 0; i < bootstraps.size(); i++) {
      perRow.add(max(BootstrapJoin.matched(i)).as(BootstrapJoin.matchedColumn(i)));
      if (bootstraps.get(i).claimsPerVersion()) {
        perRow.add(first(BootstrapJoin.version(i)).as(BootstrapJoin.versionColumn(i)));
      }
    }
    Set<String> keys = new LinkedHashSet<>();
    parts.forEach(part -> keys.addAll(part.leftKeyColumns()));
    keys.removeAll(identity);
    keys.forEach(key -> perRow.add(first(col(quote(key))).as(key)));
    return matched.groupBy(identity.stream().map(column -> col(quote(column))).toArray(Column[]::new))
        .agg(perRow.get(0), perRow.subList(1, perRow.size()).toArray(Column[]::new));
  }

  /**
   * One row: the rows, then per source the rows it matched, then per part the rows no source covers, then, for rows
   * from {@link #perLeftRow}, the rows whose identity more than one row had. One Spark job over the matches alone,
   * before the values are joined and computed.
   */
  private Row coverageTotals(Dataset<Row> rows, BootstrapJoin bootstrap) {
    List<Column> counts = new ArrayList<>();
    counts.add(count(lit(1)));
    for (int i = 0; i < bootstraps.size(); i++) {
      counts.add(sum(when(BootstrapJoin.matched(i), 1).otherwise(0)));
    }
    for (String part : partNames) {
      counts.add(sum(when(bootstrap.covered(part), 0).otherwise(1)));
    }
    if (Arrays.asList(rows.columns()).contains(SHARED)) {
      counts.add(sum(when(col(SHARED).gt(1), col(SHARED)).otherwise(0)));
    }
    try (RunProfile.Stage stage = RunProfile.stage("coverage counts")) {
      return rows.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)).first();
    }
  }

  /**
   * How many left rows of {@code days} share their row ids with another row of their day: one narrow Spark job over
   * the row ids, for steps whose coverage counts do not find them on the way (joins without bootstrap sources).
   */
  public long leftRowsSharingIds(List<Day> days) {
    if (rowIds.isEmpty()) {
      return 0;
    }
    Column[] identity = identityColumns().stream().map(column -> col(quote(column))).toArray(Column[]::new);
    Row shared = left.read(days).select(identity).groupBy(identity).agg(count(lit(1)).as(SHARED))
        .agg(sum(when(col(SHARED).gt(1), col(SHARED)).otherwise(0))).first();
    return shared.isNullAt(0) ? 0 : shared.getLong(0);
  }

  /**
   * Whether columns can be recomputed with the rows already written as the left: no bootstrap source and no left
   * column provides them, so every row takes its computed value.
   */
  public boolean recomputesFromTable(Set<String> columns) {
    return leftValueColumns.stream().noneMatch(columns::contains)
        && bootstraps.stream().noneMatch(source -> source.columns().stream().anyMatch(columns::contains));
  }

  /**
   * The rows already written ({@code existing}, every output column) with {@code columns} recomputed: the parts that
   * produce them sweep the rows as their left, which carries every other column through as it is (the sweep copies
   * a left row's columns without reading them, so this costs less than computing over the keys alone and joining the
   * values back on the row key). The provenance keeps its entries for the other value columns.
   *
   * @param everWritten every column the table has had: when none of them is a value column that is not kept (the
   *     columns are new and the table never lost one), a row's provenance names kept columns only and is taken whole
   */
  public ComputedStep recomputeFromTable(Dataset<Row> existing, StepInput input, String runId, Set<String> columns,
      Set<String> everWritten) {
    checkState(derived.isEmpty(), "Cannot recompute columns of a join with derivations from its table");
    List<PartComputation> recomputed = new ArrayList<>();
    Set<String> computedColumns = new LinkedHashSet<>();
    Map<String, CoverageLedger.PartCoverage> ledger = new LinkedHashMap<>();
    for (int p = 0; p < parts.size(); p++) {
      PartComputation part = parts.get(p);
      if (part.outputFields().stream().anyMatch(field -> columns.contains(field.name()))) {
        part.prepare(input, runId);
        recomputed.add(part);
        part.outputFields().forEach(field -> computedColumns.add(field.name()));
        ledger.put(partNames.get(p), new CoverageLedger.PartCoverage(input.rows(), Map.of()));
      }
    }
    Dataset<Row> rows = existing.drop(columns.toArray(String[]::new));
    for (PartComputation part : recomputed) {
      rows = part.apply(rows, input);
    }
    Set<String> values = valueColumns();
    Set<String> kept = new LinkedHashSet<>(values);
    kept.removeAll(columns);
    Set<String> nameable = new HashSet<>(everWritten);
    Arrays.stream(outputSchema.fieldNames()).filter(name -> !values.contains(name)).forEach(nameable::remove);
    Provenance.Entries entries = kept.containsAll(nameable) ? Provenance.Entries.KEPT_ONLY : Provenance.Entries.ANY;
    List<String> computedWritten = Arrays.stream(outputSchema.fieldNames())
        .filter(name -> columns.contains(name) && computedColumns.contains(name)).toList();
    List<Column> output = new ArrayList<>();
    for (StructField field : outputSchema.fields()) {
      String name = field.name();
      if (name.equals(Names.PROVENANCE_COLUMN)) {
        output.add(Provenance.replaced(col(quote(name)), entries, kept, computedWritten, runId).as(name));
      } else if (columns.contains(name) && !computedColumns.contains(name)) {
        output.add(lit(null).cast(field.dataType()).as(name));
      } else {
        output.add(col(quote(name)));
      }
    }
    return new ComputedStep(rows.select(output.toArray(Column[]::new)), new CoverageLedger(input.rows(), ledger),
        OptionalLong.empty());
  }

  /** The value columns of the output: every part's, then the external parts'. */
  public Set<String> valueColumns() {
    Set<String> columns = new LinkedHashSet<>();
    parts.forEach(part -> part.outputFields().forEach(field -> columns.add(field.name())));
    externalFields.forEach(field -> columns.add(field.name()));
    return columns;
  }

  @Override
  public Map<String, List<String>> partColumns() {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    for (int p = 0; p < parts.size(); p++) {
      columns.put(partNames.get(p), parts.get(p).outputFields().stream().map(StructField::name).toList());
    }
    return columns;
  }

  /** The columns that identify an output row besides {@code ds}: the row ids, or the row key. */
  public List<String> rowKeyColumns() {
    return rowIds.isEmpty() ? List.of(Names.ROW_KEY_COLUMN) : rowIds;
  }

  /**
   * The bootstrapped rows that the recomputed sources match now, or that they supplied a value to before (listed by
   * row key and {@code ds}).
   */
  private Dataset<Row> touched(Dataset<Row> rows, BootstrapJoin bootstrap, Recompute recompute) {
    String before = "__supplied_before";
    List<String> key = new ArrayList<>(rowKeyColumns());
    key.add(Names.PARTITION_COLUMN);
    List<Column> renamed = new ArrayList<>();
    key.forEach(column -> renamed.add(col(quote(column)).as("__before_" + column)));
    renamed.add(lit(true).as(before));
    Dataset<Row> supplied = recompute.suppliedBefore().select(renamed.toArray(Column[]::new)).distinct();
    Column matches = lit(true);
    for (String column : key) {
      matches = matches.and(rows.col(quote(column)).eqNullSafe(supplied.col("__before_" + column)));
    }
    Column[] columns = Arrays.stream(rows.columns()).map(column -> rows.col(quote(column))).toArray(Column[]::new);
    return rows.join(supplied, matches, "left_outer")
        .filter(bootstrap.matchedByAny(recompute.sources()).or(col(before).isNotNull()))
        .select(columns);
  }

  /**
   * The output columns in order: a part column is its bootstrapped value (when some source provides it), else its
   * computed value (when {@code computedColumns} has it), else NULL; an external column is its bootstrapped value or
   * NULL; the left's columns, the row key and {@code ds} are as they are; the provenance says which of these supplied
   * each value. Rows already written get only their keys, {@code ds}, the {@code written} columns and provenance.
   *
   * @param bootstrapped the bootstrap join the rows went through and what its counts said, or null
   */
  private Dataset<Row> project(Dataset<Row> rows, Recompute recompute, Set<String> written,
      Set<String> computedColumns, Bootstrapped bootstrapped, String runId) {
    BootstrapJoin bootstrap = bootstrapped == null ? null : bootstrapped.join();
    Set<String> provided = bootstrap == null ? Set.of() : Set.copyOf(bootstrap.providedColumns());
    Map<String, String> partOfColumn = new HashMap<>();
    for (int p = 0; p < parts.size(); p++) {
      String part = partNames.get(p);
      parts.get(p).outputFields().forEach(field -> partOfColumn.put(field.name(), part));
    }
    Set<String> values = valueColumns();
    Map<String, Provenance.Supplied> suppliers = new LinkedHashMap<>();
    List<Column> columns = new ArrayList<>();
    for (StructField field : baseSchema.fields()) {
      String name = field.name();
      if (name.equals(Names.PROVENANCE_COLUMN)) {
        continue;
      }
      if (!values.contains(name)) {
        if (recompute.writesWholeRows() || rowKeyColumns().contains(name) || name.equals(Names.PARTITION_COLUMN)) {
          columns.add(col(quote(name)));
        }
        continue;
      }
      if (!written.contains(name)) {
        continue;
      }
      Optional<String> computedBy = computedColumns.contains(name) ? Optional.of(Provenance.computedBy(runId))
          : Optional.empty();
      Column computed = computedBy.isPresent() ? col(quote(name)) : lit(null).cast(field.dataType());
      if (provided.contains(name)) {
        columns.add(coalesce(BootstrapJoin.value(name), computed).as(name));
        suppliers.put(name, bootstrapped.supplier(name, partOfColumn.get(name), computedBy));
      } else {
        columns.add(computed.as(name));
        suppliers.put(name, computedBy.map(Provenance.Supplied::by).orElse(Provenance.Supplied.NOTHING));
      }
    }
    List<String> computedWritten = Arrays.stream(baseSchema.fieldNames())
        .filter(name -> written.contains(name) && computedColumns.contains(name)).toList();
    Column provenance = (bootstrap == null ? Provenance.computed(computedWritten, runId) : Provenance.of(suppliers))
        .as(Names.PROVENANCE_COLUMN);
    if (recompute.writesWholeRows()) {
      // In the output's order: the provenance comes right before ds.
      columns.add(columns.size() - 1, provenance);
    } else {
      columns.add(provenance);
    }
    if (derived.isEmpty()) {
      return rows.select(columns.toArray(Column[]::new));
    }
    Set<String> bootstrappedDerived = new LinkedHashSet<>(derived.get().derivedNames());
    bootstrappedDerived.retainAll(provided);
    for (String name : bootstrappedDerived) {
      columns.add(BootstrapJoin.value(name).as(DERIVED_VALUE + name));
      columns.add(BootstrapJoin.supplier(name).as(DERIVED_SUPPLIER + name));
    }
    return derive(rows.select(columns.toArray(Column[]::new)), derived.get(), bootstrappedDerived, runId);
  }

  /**
   * Base rows (with the bootstrapped values of derived columns beside them) as output rows: the derived columns in
   * place of the value columns, and a provenance that names, for each of them, the source of its bootstrapped value
   * or this run, and for each base column {@code *} keeps, what supplied it.
   */
  private Dataset<Row> derive(Dataset<Row> rows, DerivedColumns columns, Set<String> bootstrappedDerived,
      String runId) {
    Map<String, Column> bootstrapped = new LinkedHashMap<>();
    Map<String, Provenance.Supplied> suppliers = new LinkedHashMap<>();
    for (StructField field : columns.valueFields()) {
      String name = field.name();
      if (!columns.derivedNames().contains(name)) {
        suppliers.put(name, Provenance.Supplied.perRow(try_element_at(col(Names.PROVENANCE_COLUMN), lit(name))));
      } else if (bootstrappedDerived.contains(name)) {
        bootstrapped.put(name, col(quote(DERIVED_VALUE + name)));
        suppliers.put(name, Provenance.Supplied.perRow(
            coalesce(col(quote(DERIVED_SUPPLIER + name)), lit(Provenance.computedBy(runId)))));
      } else {
        suppliers.put(name, Provenance.Supplied.by(Provenance.computedBy(runId)));
      }
    }
    return columns.apply(rows, outputSchema, bootstrapped,
        Map.of(Names.PROVENANCE_COLUMN, Provenance.of(suppliers)));
  }

  /**
   * The bootstrap join a step's rows went through, with what its coverage counts said of every row: which sources
   * matched some row, and which parts the sources cover on every row. Where these settle a column's supplier for
   * every row, the provenance names it as a constant, which Spark folds once instead of building per row.
   */
  private record Bootstrapped(BootstrapJoin join, Set<Integer> matchedSources, Set<String> coveredEverywhere) {
    /**
     * What supplied a bootstrapped column of {@code part} (null for an external column): the first source (or the
     * left) with a value, else the first matched source that claims it where the part is covered, else the run that
     * computed it ({@code computedBy}, empty when it is not computed).
     */
    Provenance.Supplied supplier(String column, String part, Optional<String> computedBy) {
      List<Integer> providers = join.providers(column);
      if (!join.fromLeft(column)) {
        if (providers.stream().noneMatch(matchedSources::contains)) {
          // No source that provides the column matched a row: its values are all computed (or NULL).
          return computedBy.map(Provenance.Supplied::by).orElse(Provenance.Supplied.NOTHING);
        }
        if (providers.size() == 1 && part != null && coveredEverywhere.contains(part)) {
          // Every row is covered, so every row took its value, or its NULL, from the one source.
          return Provenance.Supplied.by(join.label(providers.get(0)));
        }
        if (providers.size() == 1 && part != null && join.providesAll(providers.get(0), part)) {
          // A row the one source matched is covered and took its value, or its NULL, from it; the others have none.
          int source = providers.get(0);
          return Provenance.Supplied.switched("matched " + source, BootstrapJoin.matched(source), join.label(source),
              computedBy);
        }
      }
      Column coveredBy = part == null ? lit(null) : when(join.covered(part), join.firstMatchedSource(column));
      return Provenance.Supplied.perRow(coalesce(BootstrapJoin.supplier(column), coveredBy,
          computedBy.map(functions::lit).orElse(lit(null))));
    }
  }
}
