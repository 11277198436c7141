package io.tidemark.labels;

import static io.tidemark.catalog.SparkSql.quote;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.api.validation.Problem;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.compute.BoundJoin;
import io.tidemark.engine.compute.ComputedStep;
import io.tidemark.engine.compute.StepInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Computes a join's labels into its label table, one version per {@code label_ds}, and keeps its labeled views in
 * step. A version labels the rows of the join's output whose {@code ds} its offsets pick (see {@link LabelDates}):
 * each label is its GroupBy as of the end of {@code label_ds} (a label without aggregations reads the snapshot of
 * {@code label_ds}; an aggregated one the window ending with it), joined to the rows on the label's keys. A key
 * without a value, or a missing snapshot, gives NULL labels.
 *
 * <p>{@link #plan} checks the labels against their tables and the join's output and decides which versions to compute;
 * nothing is written until {@link #run}. Each version is replaced whole in one commit, so rerunning a {@code label_ds}
 * gives the same table. Label columns that are new to the table are added to it; versions written before have NULL in
 * them, and columns the labels no longer have stay for the versions that hold them.
 */
public final class LabelJoin {
  private static final String KEY_PREFIX = "__label_key_";

  private final TidemarkCatalog catalog;
  private final Join join;
  private final Location at;
  private final SemanticHash hash;

  public LabelJoin(TidemarkCatalog catalog, Loaded<Join> join) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.join = join.definition();
    this.at = join.location();
    this.hash = SemanticHash.of(this.join);
  }

  /** Checks the labels against their tables and the join's output, and decides what to compute; writes nothing. */
  public LabelPlan plan(LabelRange range) {
    requireNonNull(range, "range is null");
    Problems problems = new Problems();
    LabelPart labelPart = join.labels().orElse(null);
    if (labelPart == null) {
      problems.error(ErrorCode.MISSING_FIELD, at.labelPart(), "is required to label a join",
          "add \"labelPart\": {\"labels\": [...], "
          + "\"leftStartOffset\": 7, \"leftEndOffset\": 7} to the join");
      problems.throwIfErrors();
    }
    TableName outputName = Names.joinOutputTable(join);
    Table output = catalog.loadTable(outputName).orElseThrow(() -> new TidemarkException(ErrorCode.MISSING_OUTPUT_TABLE,
        "Cannot label " + join.name() + ": its table " + outputName + " does not exist. Fix: run `tidemark backfill "
            + "--conf " + at.file() + "` first"));
    checkOwner(output, outputName);
    StructType outputSchema = SparkSchemaUtil.convert(output.schema());
    List<StructField> rowKeyFields = rowKeyFields(outputSchema, outputName);

    List<BoundJoin> computations = new ArrayList<>();
    List<StructField> labelFields = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    for (int i = 0; i < labelPart.labels().size(); i++) {
      JoinPart label = labelPart.labels().get(i);
      Location labelAt = at.label(i);
      try {
        BoundJoin computation = BoundJoin.ofGroupBy(catalog, label.groupBy(), labelAt.groupBy());
        checkKeys(label, labelAt, computation.outputSchema(), outputSchema, outputName, problems);
        List<String> groupByColumns = Names.joinPartColumns(JoinPart.of(label.groupBy()));
        List<String> labelColumns = Names.joinPartColumns(label);
        for (int c = 0; c < labelColumns.size(); c++) {
          DataType type = computation.outputSchema().apply(groupByColumns.get(c)).dataType();
          labelFields.add(DataTypes.createStructField(labelColumns.get(c), type, true));
        }
        computations.add(computation);
        descriptions.add(label.groupBy().name() + ": " + String.join(", ", labelColumns) + ", " + describe(label));
      } catch (InvalidDefinitionException e) {
        e.problems().forEach(problem -> copy(problem, problems));
      }
    }
    problems.throwIfErrors();

    LabelComputation bound = new LabelComputation(labelPart, computations, labelFields, rowKeyFields);
    TableName labelName = Names.labelTable(join);
    Optional<OwnedTable> labelTable = OwnedTable.load(catalog, labelName);
    Optional<Table> labels = labelTable.map(OwnedTable::iceberg);
    List<String> decisions = new ArrayList<>();
    List<StructField> added = new ArrayList<>(labelFields);
    List<String> allLabelColumns = new ArrayList<>();
    if (labels.isPresent()) {
      checkOwner(labels.get(), labelName);
      List<StructField> stored = LabelTable.labelColumns(labels.get(), Names.rowKeyColumns(join));
      checkStoredTypes(stored, labelFields, labelPart, labelName, problems);
      stored.forEach(field -> allLabelColumns.add(field.name()));
      added.removeIf(field -> allLabelColumns.contains(field.name()));
      storedLabelHash(labels.get()).filter(before -> !before.equals(hash.get(SemanticHash.LABEL)))
          .ifPresent(changed -> decisions.add("the label part changed since " + labelName + " was last written: the "
              + "versions this run computes get the current labels; other versions keep theirs"));
    }
    added.forEach(field -> allLabelColumns.add(field.name()));
    if (!added.isEmpty() && labels.isPresent()) {
      decisions.add("label column(s) " + String.join(", ", added.stream().map(StructField::name).toList())
          + " are added to " + labelName + "; versions written before have NULL in them");
    }
    checkViewColumns(outputSchema, outputName, allLabelColumns, labelPart, problems);
    problems.throwIfErrors();

    SortedSet<Day> present = labels.map(LabelTable::versions).orElseGet(TreeSet::new);
    SortedSet<String> outputDays = catalog.partitions(outputName);
    SortedSet<Day> daysInOutput = Day.parseAll(outputDays);
    List<LabelVersion> versions = new ArrayList<>();
    List<Day> kept = new ArrayList<>();
    SortedSet<String> leftDays = new TreeSet<>();
    for (Day labelDs : range.labelDays().days()) {
      if (range.versions() == LabelRange.Versions.MISSING && present.contains(labelDs)) {
        kept.add(labelDs);
        continue;
      }
      DayRange days = LabelDates.leftDays(labelDs, labelPart);
      leftDays.addAll(Day.texts(days.days()));
      versions.add(new LabelVersion(labelDs, days, daysInOutput.stream().filter(days::contains).toList()));
    }
    notYetInOutput(leftDays, outputDays, output).ifPresent(decisions::add);
    LabelPlan.TableState state = labels.isEmpty() ? LabelPlan.TableState.NEW
        : added.isEmpty() ? LabelPlan.TableState.EXISTING : LabelPlan.TableState.GAINING_COLUMNS;
    return new LabelPlan(join.name(), outputName, labelName, state, descriptions, decisions, versions, kept,
        Names.labeledView(join), Names.labeledLatestView(join), bound, labelTable.flatMap(OwnedTable::snapshotId));
  }

  /**
   * Computes and commits every version of {@code plan}, each in one commit (the first also creates the table or adds
   * the label columns it lacks, the last stores the hash), then replaces both views.
   */
  public LabelResult run(LabelPlan plan, LabelListener listener) {
    long started = System.currentTimeMillis();
    String runId = UUID.randomUUID().toString();
    LabelComputation bound = plan.bound();
    Optional<OwnedTable> existing = OwnedTable.load(catalog, plan.labelTable());
    SortedSet<Day> present = existing.map(table -> LabelTable.versions(table.iceberg())).orElseGet(TreeSet::new);
    List<LabelVersion> writing = plan.versions().stream()
        .filter(version -> version.hasRows() || present.contains(version.labelDs())).toList();

    List<Day> written = new ArrayList<>();
    long rows = 0;
    for (int i = 0; i < plan.versions().size(); i++) {
      LabelVersion version = plan.versions().get(i);
      long versionStarted = System.currentTimeMillis();
      listener.versionStarted(i + 1, plan.versions().size(), version);
      long versionRows = 0;
      // A version with no rows to label is replaced by nothing only when the table has it.
      if (writing.contains(version)) {
        CommitInfo info = CommitInfo.of(runId, "label").withDays(version.leftDays().days())
            .with(TableProperties.LABEL_DS, version.labelDs().toString())
            .with(TableProperties.DEFINITION_HASH, hash.digest());
        List<ComputedStep> computed = new ArrayList<>();
        try (TableChange change = begin(plan, info, version.equals(writing.get(writing.size() - 1)))) {
          versionRows = LabelTable.replaceVersion(change,
              labelRows(plan.outputTable(), version, runId, bound, computed), version.labelDs());
          change.commit();
        } finally {
          computed.forEach(ComputedStep::close);
        }
        written.add(version.labelDs());
      }
      rows += versionRows;
      listener.versionFinished(i + 1, plan.versions().size(), version, versionRows,
          System.currentTimeMillis() - versionStarted);
    }
    OwnedTable labels = OwnedTable.load(catalog, plan.labelTable()).orElse(null);
    if (labels == null || !labels.property(TableProperties.SEMANTIC_HASH).equals(Optional.of(hash.toJson()))
        || !labels.property(TableProperties.SEMANTIC_HASH_VERSION).equals(Optional.of(String.valueOf(hash.version())))
        || !LabelTable.labelColumnsMissing(labels.iceberg(), bound).isEmpty()) {
      // No version was written (or none last): the table still gets its columns and hash, so the views can read it.
      try (TableChange change = begin(plan, CommitInfo.of(runId, "label"), true)) {
        change.commit();
      }
      labels = OwnedTable.load(catalog, plan.labelTable()).orElseThrow();
    }
    Table output = catalog.loadTable(plan.outputTable()).orElseThrow();
    new LabelViews(catalog).replace(join.name(), output, plan.outputTable(), labels.iceberg(), plan.labelTable(),
        plan.labeledView(), plan.labeledLatestView(), Names.rowKeyColumns(join));
    return new LabelResult(runId, plan.labelTable(), written, rows, System.currentTimeMillis() - started,
        plan.labeledView(), plan.labeledLatestView());
  }

  /**
   * A change to the label table: it creates the table when there is none, adds the label columns it lacks, and with
   * {@code last} stores the hash.
   */
  private TableChange begin(LabelPlan plan, CommitInfo info, boolean last) {
    Optional<OwnedTable> table = OwnedTable.load(catalog, plan.labelTable());
    TableChange change = table.map(owned -> owned.change(info)).orElseGet(() -> LabelTable.create(catalog,
        plan.labelTable(), plan.bound().tableSchema(), tableProperties(), info));
    LabelTable.addColumns(change, LabelTable.labelColumnsMissing(change.table(), plan.bound()));
    if (last) {
      change.setProperties(Map.of(TableProperties.SEMANTIC_HASH, hash.toJson(),
          TableProperties.SEMANTIC_HASH_VERSION, String.valueOf(hash.version())));
    }
    return change;
  }

  /**
   * The label rows of one version: the output's rows of the version's days (row key, {@code ds} and the labels' key
   * columns), each label joined on its keys, then {@code label_ds}. Each label's computed step is added to
   * {@code computed}, for the caller to close once the rows are written.
   */
  private Dataset<Row> labelRows(TableName output, LabelVersion version, String runId, LabelComputation bound,
      List<ComputedStep> computed) {
    LabelPart labelPart = bound.labelPart();
    List<StructField> labelFields = bound.labelFields();
    List<String> rowKeys = Names.rowKeyColumns(join);
    Set<String> read = new LinkedHashSet<>(rowKeys);
    read.add(Names.PARTITION_COLUMN);
    labelPart.labels().forEach(label -> label.groupBy().keyColumns()
        .forEach(key -> read.add(label.leftColumnFor(key))));
    Dataset<Row> rows = catalog.spark().table(catalog.sqlName(output))
        .filter(col(Names.PARTITION_COLUMN).isin(Day.texts(version.daysWithRows()).toArray()))
        .select(read.stream().map(column -> col(quote(column))).toArray(Column[]::new));
    int field = 0;
    for (int i = 0; i < labelPart.labels().size(); i++) {
      JoinPart label = labelPart.labels().get(i);
      List<String> groupByColumns = Names.joinPartColumns(JoinPart.of(label.groupBy()));
      List<StructField> fields = labelFields.subList(field, field + groupByColumns.size());
      field += groupByColumns.size();
      BoundJoin computation = bound.computations().get(i);
      StepInput input = computation.stepInput(List.of(version.labelDs()));
      if (!input.hasRows()) {
        for (StructField labelField : fields) {
          rows = rows.withColumn(labelField.name(), lit(null).cast(labelField.dataType()));
        }
        continue;
      }
      ComputedStep step = computation.compute(input, runId);
      computed.add(step);
      List<Column> values = new ArrayList<>();
      List<String> keys = label.groupBy().keyColumns();
      for (int k = 0; k < keys.size(); k++) {
        values.add(col(quote(keys.get(k))).as(KEY_PREFIX + k));
      }
      for (int c = 0; c < groupByColumns.size(); c++) {
        values.add(col(quote(groupByColumns.get(c))).as(fields.get(c).name()));
      }
      Dataset<Row> labelValues = step.rows().select(values.toArray(Column[]::new));
      Column matches = lit(true);
      for (int k = 0; k < keys.size(); k++) {
        matches = matches.and(rows.col(quote(label.leftColumnFor(keys.get(k))))
            .equalTo(labelValues.col(KEY_PREFIX + k)));
      }
      List<Column> columns = new ArrayList<>();
      for (String column : rows.columns()) {
        columns.add(rows.col(quote(column)));
      }
      fields.forEach(labelField -> columns.add(labelValues.col(quote(labelField.name()))));
      rows = rows.join(labelValues, matches, "left_outer").select(columns.toArray(Column[]::new));
    }
    List<Column> columns = new ArrayList<>();
    rowKeys.forEach(key -> columns.add(col(quote(key))));
    labelFields.forEach(labelField -> columns.add(col(quote(labelField.name()))));
    columns.add(lit(version.labelDs().toString()).as(Names.LABEL_DS_COLUMN));
    columns.add(col(Names.PARTITION_COLUMN));
    return rows.select(columns.toArray(Column[]::new));
  }

  private Map<String, String> tableProperties() {
    Map<String, String> properties = new LinkedHashMap<>(join.metaData().tableProperties());
    properties.put(TableProperties.TABLE_TYPE, TableType.LABELS.propertyValue());
    properties.put(TableProperties.DEFINITION, join.name());
    properties.put(TableProperties.SEMANTIC_HASH, hash.toJson());
    properties.put(TableProperties.SEMANTIC_HASH_VERSION, String.valueOf(hash.version()));
    return properties;
  }

  /** The table must have been written for this join. */
  private void checkOwner(Table table, TableName name) {
    String owner = table.properties().get(TableProperties.DEFINITION);
    if (!join.name().equals(owner)) {
      throw new TidemarkException(ErrorCode.TABLE_OWNED_ELSEWHERE, "Cannot label " + join.name() + " with " + name
          + ": the table exists and was written " + (owner == null ? "by something else" : "for " + owner)
          + ". Fix: change metaData.outputNamespace or the name in " + at.file() + ", or drop the table");
    }
  }

  /** The output's row key columns, which the label table repeats; a table built before its row ids changed lacks them. */
  private List<StructField> rowKeyFields(StructType outputSchema, TableName outputName) {
    List<StructField> fields = new ArrayList<>();
    for (String key : Names.rowKeyColumns(join)) {
      if (!List.of(outputSchema.fieldNames()).contains(key)) {
        throw new TidemarkException(ErrorCode.TABLE_SCHEMA_MISMATCH, "Cannot label " + join.name() + ": " + outputName
            + " has no row key column " + key + " (the join's row ids changed since it was written). Fix: run "
            + "`tidemark backfill --conf " + at.file() + "` first");
      }
      fields.add(DataTypes.createStructField(key, outputSchema.apply(key).dataType(), true));
    }
    return fields;
  }

  /** Every key of a label is a column of the output, of the key's type. */
  private void checkKeys(JoinPart label, Location labelAt, StructType labelSchema, StructType outputSchema,
      TableName outputName, Problems problems) {
    GroupBy groupBy = label.groupBy();
    for (String key : groupBy.keyColumns()) {
      String left = label.leftColumnFor(key);
      DataType keyType = labelSchema.apply(key).dataType();
      Optional<DataType> leftType = type(outputSchema, left);
      if (leftType.isEmpty()) {
        problems.error(ErrorCode.MISSING_COLUMN, labelAt, "left column " + left + " (for key " + key + " of "
            + groupBy.name() + ") is not "
            + "a column of " + outputName, "select " + left + " on the left and backfill the join, or map another "
            + "left column to " + key + " with keyMapping");
      } else if (!leftType.get().sameType(keyType)) {
        problems.error(ErrorCode.TYPE_MISMATCH, labelAt.groupBy().field("keyColumns"), "key " + key + " is "
            + keyType.simpleString() + " in "
                + groupBy.sources().get(0).table() + " but " + left + " is " + leftType.get().simpleString() + " in "
                + outputName, "make the types equal in a select, e.g. \"" + key + "\": \"CAST(" + key + " AS "
                + leftType.get().simpleString().toUpperCase(Locale.ROOT) + ")\"");
      }
    }
  }

  /** A label column the table holds already keeps its type: versions of both types cannot share it. */
  private void checkStoredTypes(List<StructField> stored, List<StructField> labelFields, LabelPart labelPart,
      TableName labelName, Problems problems) {
    StructType current = SparkSchemaUtil.convert(SparkSchemaUtil.convert(
        new StructType(labelFields.toArray(StructField[]::new))));
    for (StructField field : stored) {
      Optional<DataType> now = type(current, field.name());
      if (now.isPresent() && !now.get().sameType(field.dataType())) {
        problems.error(ErrorCode.TYPE_MISMATCH, locationOf(field.name(), labelPart), "label column " + field.name()
            + " is "
                + now.get().simpleString() + " now, but " + labelName + " holds it as "
                + field.dataType().simpleString() + " from earlier label versions",
            "set a different \"prefix\" on the label so that its columns get new names, or drop " + labelName
                + " to label every version anew");
      }
    }
  }

  /** Every column of the labeled views has a name of its own. */
  private void checkViewColumns(StructType outputSchema, TableName outputName, List<String> labelColumns,
      LabelPart labelPart, Problems problems) {
    Map<String, String> owners = new LinkedHashMap<>();
    for (String column : outputSchema.fieldNames()) {
      owners.put(column, outputName.toString());
    }
    if (owners.containsKey(Names.LABEL_DS_COLUMN)) {
      problems.error(ErrorCode.DUPLICATE_COLUMN, at.left(), outputName + " has a column " + Names.LABEL_DS_COLUMN
          + ", which the labeled "
          + "views use for the label version", "rename it in the left's selects");
    }
    for (String column : labelColumns) {
      String viewColumn = Names.labeledViewColumn(column);
      String owner = owners.putIfAbsent(viewColumn, "label column " + column);
      if (owner != null) {
        problems.error(ErrorCode.DUPLICATE_COLUMN, locationOf(column, labelPart), "label column " + column + " is "
            + viewColumn
            + " in the labeled views, and " + owner + " has that name too", "set a different \"prefix\" on the label");
      }
    }
  }

  /** The label component of the hash stored on the label table, when the same algorithm computed it. */
  private static Optional<String> storedLabelHash(Table labels) {
    String json = labels.properties().get(TableProperties.SEMANTIC_HASH);
    String version = labels.properties().get(TableProperties.SEMANTIC_HASH_VERSION);
    if (json == null || !String.valueOf(SemanticHash.ALGORITHM_VERSION).equals(version)) {
      return Optional.empty();
    }
    return Optional.ofNullable(SemanticHash.stored(SemanticHash.ALGORITHM_VERSION, json).get(SemanticHash.LABEL));
  }

  /** A note on left days the offsets pick that the left has but the join's output does not (yet). */
  private Optional<String> notYetInOutput(SortedSet<String> leftDays, SortedSet<String> outputDays, Table output) {
    TableName left = TableName.parse(join.left().table());
    if (leftDays.isEmpty() || !catalog.tableExists(left)) {
      return Optional.empty();
    }
    String empty = output.properties().getOrDefault(TableProperties.EMPTY_PARTITIONS, "");
    List<String> missing = catalog.partitions(left, join.left().subPartition()).stream()
        .filter(day -> leftDays.contains(day) && !outputDays.contains(day) && !List.of(empty.split(",")).contains(day))
        .toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("left day(s) " + String.join(", ", missing) + " are not in " + Names.joinOutputTable(join)
        + " yet, so they get no labels: run `tidemark backfill --conf " + at.file() + "` first");
  }

  /** Where the label that writes {@code column} is, or the label part for columns only earlier versions have. */
  private Location locationOf(String column, LabelPart labelPart) {
    for (int i = 0; i < labelPart.labels().size(); i++) {
      if (Names.joinPartColumns(labelPart.labels().get(i)).contains(column)) {
        return at.label(i);
      }
    }
    return at.labelPart();
  }

  private static Optional<DataType> type(StructType schema, String column) {
    return List.of(schema.fieldNames()).contains(column)
        ? Optional.of(schema.apply(column).dataType()) : Optional.empty();
  }

  private static String describe(JoinPart label) {
    GroupBy groupBy = label.groupBy();
    if (!groupBy.hasAggregations()) {
      return "the snapshot of label_ds";
    }
    AggregationPart part = groupBy.aggregationParts().get(0);
    return part.operation() + " over the " + part.window().length() + " day(s) ending with label_ds";
  }

  private static void copy(Problem problem, Problems problems) {
    problems.error(problem.code(), problem.location(), problem.message(), problem.fix());
  }
}
