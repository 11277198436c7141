package io.tidemark.engine.compute;

import io.tidemark.aggregator.ColumnPlan;
import io.tidemark.aggregator.Deletes;
import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.Operators;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.ExternalPart;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.PartialsMode;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.plan.EngineSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a join against the tables it reads, before anything runs: tables and columns exist, expressions resolve,
 * key types agree between the left and each part, and every operation takes its input's type. Every problem is
 * collected and reported at once, naming the definition file and field.
 */
public final class JoinAnalyzer {
  private final TidemarkCatalog catalog;
  private final Problems problems;
  /** The daily partial aggregates of the GroupBys analyzed so far that read them, by GroupBy name. */
  private final Map<String, PartialTable> partialTables = new LinkedHashMap<>();

  private JoinAnalyzer(TidemarkCatalog catalog, Problems problems) {
    this.catalog = catalog;
    this.problems = problems;
  }

  /**
   * The computation of {@code join}, found at {@code at}, or an {@code InvalidDefinitionException} listing every
   * problem found.
   */
  static JoinComputation analyze(TidemarkCatalog catalog, Join join, Location at) {
    Problems found = new Problems();
    EngineSupport.check(join, at, found);
    return analyze(catalog, join, at, found);
  }

  /**
   * Like {@link #analyze(TidemarkCatalog, Join, Location)}, adding to {@code found}: what the caller found wrong with
   * the definition before reading any table, {@link EngineSupport#check} included, so that one error lists those and
   * what the tables show.
   */
  public static JoinComputation analyze(TidemarkCatalog catalog, Join join, Location at, Problems found) {
    return new JoinAnalyzer(catalog, found).analyze(join, at);
  }

  /**
   * The computation of a GroupBy's daily backfill: its features per key as of the end of each day, for the (key, day)
   * pairs its sources can give a value (see {@link KeyDays}). Columns carry the GroupBy's name as prefix. Problems
   * name fields from {@code at}, the GroupBy's location (a whole file, or e.g. {@code labelPart.labels[0].groupBy}).
   */
  static JoinComputation analyzeGroupBy(TidemarkCatalog catalog, GroupBy groupBy, Location at) {
    return analyzeGroupBy(catalog, groupBy, at, new Problems());
  }

  /**
   * Like {@link #analyzeGroupBy(TidemarkCatalog, GroupBy, Location)}, adding to {@code problems}, which may
   * hold what the caller found wrong with the definition before reading any table: one error then lists those and
   * what the tables show, so one run tells the user everything to fix.
   */
  public static JoinComputation analyzeGroupBy(TidemarkCatalog catalog, GroupBy groupBy, Location at,
      Problems problems) {
    return new JoinAnalyzer(catalog, problems).analyzeGroupBy(groupBy, at);
  }

  private JoinComputation analyze(Join join, Location at) {
    LeftTimeline timeline = join.left().dataModel() == DataModel.EVENTS ? LeftTimeline.EVENTS : LeftTimeline.ENTITIES;
    SourceRole leftRole = timeline == LeftTimeline.EVENTS ? SourceRole.LEFT_EVENTS : SourceRole.LEFT_ENTITIES;
    Optional<SourceScan> left = SourceScan.analyze(catalog, join.left(), leftRole, at.left(), problems);
    Map<String, DataType> leftColumns = left.map(scan -> columnTypes(scan.schema())).orElse(null);
    String leftName = join.left().table();
    List<PartComputation> parts = new ArrayList<>();
    List<String> partNames = new ArrayList<>();
    Map<String, DataType> outputColumns = new LinkedHashMap<>();
    for (Join.ComputedPart computed : join.computedParts(at)) {
      JoinPart joinPart = computed.part();
      Optional<PartComputation> part =
          analyzePart(joinPart, computed.location(), computed.groupBy(), timeline, leftColumns, leftName,
              FeedKeys.CUT_TO_LEFT);
      if (part.isPresent()) {
        parts.add(part.get());
        partNames.add(Names.joinPartPrefix(joinPart));
        part.get().outputFields().forEach(field -> outputColumns.put(field.name(), field.dataType()));
      }
    }
    List<StructField> externalFields = new ArrayList<>();
    // An external part with an offline GroupBy is computed as one of the parts above.
    for (ExternalPart external : join.externalParts()) {
      if (external.offlineGroupBy() != null) {
        continue;
      }
      List<String> names = Names.externalColumns(external);
      for (int f = 0; f < names.size(); f++) {
        DataType type = SparkTypes.of(external.valueFields().get(f).type());
        externalFields.add(DataTypes.createStructField(names.get(f), type, true));
        outputColumns.put(names.get(f), type);
      }
    }
    Optional<DerivedColumns> derived = Optional.empty();
    if (join.hasDerivations() && left.isPresent() && !problems.hasErrors()) {
      derived = derive(join, at, left.get().schema(), parts, externalFields, outputColumns);
    }
    Set<String> leftValueColumns = new LinkedHashSet<>();
    if (leftColumns != null) {
      checkLeftColumns(join, at, leftColumns, outputColumns, leftValueColumns);
    }
    BootstrapAnalysis.Bootstraps bootstraps =
        new BootstrapAnalysis(catalog, join, at, leftColumns, outputColumns, problems).bootstraps();
    problems.throwIfErrors();
    return new JoinComputation(left.orElseThrow(), timeline, parts, partNames, externalFields, join.rowIds(),
        bootstraps, leftValueColumns, derived);
  }

  /**
   * Checks the join's derivations against the base columns of an output row after bootstrap: the left's columns
   * (but those named like an output column, which take that column's place), the parts' and external parts' columns,
   * the row key and {@code ds}. A derived column is not named like a left column: the left's columns are written as
   * they are. The derived columns join {@code outputColumns}, so that bootstraps may provide them. Empty, with the
   * problems reported, when one does not resolve.
   */
  private Optional<DerivedColumns> derive(Join join, Location at, StructType left, List<PartComputation> parts,
      List<StructField> externalFields, Map<String, DataType> outputColumns) {
    Set<String> values = new LinkedHashSet<>(outputColumns.keySet());
    StructType base = JoinComputation.baseSchema(left, parts, externalFields, join.rowIds(), values);
    StructType visible = DataTypes.createStructType(Arrays.stream(base.fields())
        .filter(field -> !field.name().equals(Names.PROVENANCE_COLUMN)).toArray(StructField[]::new));
    Optional<DerivedColumns> derived = DerivedColumns.analyze(catalog.spark(), join.derivations(), visible, values,
        at.derivations(), problems);
    derived.ifPresent(columns -> columns.valueFields().stream()
        .filter(field -> columns.derivedNames().contains(field.name()))
        .forEach(field -> outputColumns.put(field.name(), field.dataType())));
    return derived;
  }

  /**
   * Left columns named like output columns provide their values ahead of every bootstrap, so their types must be the
   * output columns' types; row ids must be left columns; the row key's name is reserved.
   */
  private void checkLeftColumns(Join join, Location at, Map<String, DataType> leftColumns,
      Map<String, DataType> outputColumns, Set<String> leftValueColumns) {
    Location selects = at.left().query(join.left()).field("selects");
    leftColumns.forEach((column, type) -> {
      DataType output = outputColumns.get(column);
      if (output != null && !output.sameType(type)) {
        problems.error(ErrorCode.TYPE_MISMATCH, selects.field(column), column + " is " + type.simpleString()
            + " on the left but the "
                + "join's output column of that name is " + output.simpleString(),
            "convert it on the left, e.g. \"" + column + "\": \"CAST(" + column + " AS "
                + output.simpleString().toUpperCase(Locale.ROOT) + ")\", or rename it");
      } else if (output != null) {
        leftValueColumns.add(column);
      }
    });
    for (String rowId : join.rowIds()) {
      if (!leftColumns.containsKey(rowId)) {
        problems.error(ErrorCode.MISSING_COLUMN, at.field("rowIds"), rowId + " is not a column of the left source "
            + join.left().table(),
            "select " + rowId + " on the left, or name the columns that identify a left row in rowIds");
      }
    }
    if (join.rowIds().isEmpty() && leftColumns.containsKey(Names.ROW_KEY_COLUMN)) {
      problems.error(ErrorCode.DUPLICATE_COLUMN, selects, "the left has a column named " + Names.ROW_KEY_COLUMN
          + ", which Tidemark "
          + "writes to identify rows of joins without rowIds", "rename it on the left, or declare rowIds");
    }
  }

  private JoinComputation analyzeGroupBy(GroupBy groupBy, Location at) {
    boolean events = groupBy.dataModel() == DataModel.EVENTS;
    // Problems found before (by the caller) are reported with these; only this analysis's own stop it early.
    int before = problems.errors().size();
    List<SourceScan> sources = scans(groupBy, at, events ? SourceRole.EVENTS : SourceRole.SNAPSHOT);
    if (problems.errors().size() > before) {
      problems.throwIfErrors();
    }
    for (String key : groupBy.keyColumns()) {
      if (!columnTypes(sources.get(0).schema()).containsKey(key)) {
        problems.error(ErrorCode.MISSING_COLUMN, at.field("keyColumns"), "key " + key
            + " is not a column of " + sources.get(0).table(),
            "select " + key + " in the GroupBy's sources");
      }
    }
    if (problems.errors().size() > before) {
      problems.throwIfErrors();
    }
    long longestWindow = longestWindowMillis(groupBy);
    KeyDays keyDays = new KeyDays(sources, groupBy.keyColumns(), events, longestWindow, Optional.empty());
    Optional<PartComputation> part = analyzePart(JoinPart.of(groupBy), at, at, LeftTimeline.ENTITIES,
        columnTypes(keyDays.schema()), keyDays.describe(), FeedKeys.WHOLE);
    problems.throwIfErrors();
    PartialTable partials = partialTables.get(groupBy.name());
    if (partials != null && (longestWindow < 0 || longestWindow % PartitionDates.DAY_MILLIS == 0)) {
      keyDays = new KeyDays(sources, groupBy.keyColumns(), events, longestWindow, Optional.of(partials));
    }
    // A GroupBy's rows are identified by their keys (and day), so they need no row key.
    return new JoinComputation(keyDays, LeftTimeline.ENTITIES, List.of(part.orElseThrow()),
        List.of(Names.cleanName(groupBy.name())), List.of(), groupBy.keyColumns(), BootstrapAnalysis.Bootstraps.NONE,
        Set.of(), Optional.empty());
  }

  /**
   * Checks one join part against its tables and the left's columns (null when the left could not be read).
   *
   * @param at where the part is, for problems with the part as a whole (the whole file for a GroupBy's own backfill)
   * @param groupByAt where its GroupBy is
   * @param feedKeys whether the left's keys are the GroupBy's own, which a cut of its feed to them would not change
   */
  private Optional<PartComputation> analyzePart(JoinPart part, Location at, Location groupByAt,
      LeftTimeline timeline, Map<String, DataType> leftColumns, String leftName, FeedKeys feedKeys) {
    GroupBy groupBy = part.groupBy();
    boolean entities = groupBy.dataModel() == DataModel.ENTITIES;
    boolean replaysMutations = timeline == LeftTimeline.EVENTS && groupBy.replaysMutations();
    List<SourceScan> sources = scans(groupBy, groupByAt, entities ? SourceRole.SNAPSHOT : SourceRole.EVENTS);
    // Windows over replayed mutations follow each row's own time, which the mutation scan then reads too.
    WindowTime windowTime = replaysMutations && groupBy.hasWindows() ? WindowTime.ROW : WindowTime.ARRIVAL;
    List<SourceScan> mutations = !replaysMutations ? List.of() : scans(groupBy, groupByAt,
        windowTime == WindowTime.ROW ? SourceRole.TIMED_MUTATIONS : SourceRole.MUTATIONS);
    if (sources.size() != groupBy.sources().size() || mutations.size() != (replaysMutations ? sources.size() : 0)) {
      return Optional.empty();
    }
    Map<String, DataType> columns = columnTypes(sources.get(0).schema());
    for (int s = 0; s < sources.size(); s++) {
      checkSameColumns(sources.get(s), columns, groupByAt.source(s), groupByAt.source(0).pathFrom(groupByAt));
    }
    for (int s = 0; s < mutations.size(); s++) {
      checkSameColumns(mutations.get(s), columns, groupByAt.source(s).mutationTable(), "the snapshot table");
    }
    int before = problems.errors().size();
    checkKeys(part, at, groupByAt, columns, sources.get(0), leftColumns, leftName);
    List<StructField> outputFields = new ArrayList<>();
    List<String> outputNames = Names.joinPartColumns(part);
    Map<String, DataType> inputTypes = new LinkedHashMap<>();
    if (groupBy.hasAggregations()) {
      for (int a = 0; a < groupBy.aggregations().size(); a++) {
        Aggregation aggregation = groupBy.aggregations().get(a);
        for (DataType type : aggregationTypes(aggregation, groupByAt.aggregation(a), columns,
            sources.get(0), inputTypes)) {
          outputFields.add(DataTypes.createStructField(outputNames.get(outputFields.size()),
              type == null ? DataTypes.NullType : type, true));
        }
      }
    } else {
      for (String value : groupBy.passThroughColumns().orElseThrow()) {
        outputFields.add(DataTypes.createStructField(outputNames.get(outputFields.size()), columns.get(value), true));
      }
    }
    if (problems.errors().size() > before) {
      return Optional.empty();
    }
    if (!groupBy.hasAggregations()) {
      return Optional.of(
          new SnapshotLookup(part, sources, timeline, groupBy.passThroughColumns().orElseThrow(), outputFields));
    }
    if (replaysMutations) {
      return Optional.of(new PointInTimeJoin(part, new MutationFeed(sources, mutations, windowTime),
          Accuracy.TEMPORAL, timeline, Deletes.APPLIED, feedKeys, inputTypes, outputFields));
    }
    if (entities) {
      boolean timed = columns.containsKey(Names.TIME_COLUMN);
      return Optional.of(new PointInTimeJoin(part, new SnapshotFeed(sources, timed), Accuracy.SNAPSHOT, timeline,
          Deletes.NONE, feedKeys, inputTypes, outputFields));
    }
    EventFeed events = new EventTableFeed(sources, groupBy.effectiveAccuracy(), longestWindowMillis(groupBy));
    PartialsMode mode = PartialsMode.of(groupBy).orElse(PartialsMode.AUTO);
    if (mode == PartialsMode.ALWAYS || (mode == PartialsMode.AUTO && PartialsMode.canKeep(groupBy))) {
      PartialTable partials = new PartialTable(catalog, groupBy, sources, inputTypes);
      if (mode == PartialsMode.ALWAYS) {
        partials.checkOwner(groupByAt.tableProperty(PartialsMode.PROPERTY), problems);
      }
      partialTables.put(groupBy.name(), partials);
      events = new PartialFeed(partials, events, sources, groupBy.effectiveAccuracy(), groupBy.aggregationParts(),
          groupBy.keyColumns(), inputTypes);
    }
    return Optional.of(new PointInTimeJoin(part, events, groupBy.effectiveAccuracy(), timeline, Deletes.NONE,
        feedKeys, inputTypes, outputFields));
  }

  private List<SourceScan> scans(GroupBy groupBy, Location groupByAt, SourceRole role) {
    List<SourceScan> scans = new ArrayList<>();
    for (int s = 0; s < groupBy.sources().size(); s++) {
      SourceScan.analyze(catalog, groupBy.sources().get(s), role, groupByAt.source(s), problems)
          .ifPresent(scans::add);
    }
    return scans;
  }

  /** The selected columns must agree; time columns and a mutation table's reversal flag and row time may differ. */
  private void checkSameColumns(SourceScan scan, Map<String, DataType> expected, Location at, String reference) {
    Map<String, DataType> actual = columnTypes(scan.schema());
    actual.remove(Names.TIME_COLUMN);
    actual.remove(SourceScan.REVERSAL);
    actual.remove(SourceScan.ROW_TIME);
    Map<String, DataType> wanted = new LinkedHashMap<>(expected);
    wanted.remove(Names.TIME_COLUMN);
    if (!actual.equals(wanted)) {
      problems.error(ErrorCode.CONFLICTING_FIELDS, at, "yields columns " + describe(scan.schema())
          + ", unlike " + reference,
          "select the same columns with the same types in every source of the GroupBy");
    }
  }

  /** The longest window of a GroupBy's aggregations in milliseconds, or -1 when one is unwindowed. */
  private static long longestWindowMillis(GroupBy groupBy) {
    return groupBy.longestWindowMillis().orElse(-1);
  }

  private void checkKeys(JoinPart part, Location at, Location groupByAt, Map<String, DataType> columns,
      SourceScan source, Map<String, DataType> leftColumns, String leftName) {
    GroupBy groupBy = part.groupBy();
    Location keysField = groupByAt.field("keyColumns");
    for (String key : groupBy.keyColumns()) {
      DataType rightType = columns.get(key);
      if (rightType == null) {
        problems.error(ErrorCode.MISSING_COLUMN, keysField, "key " + key + " is not a column of "
            + source.table(),
            "select " + key + " in the GroupBy's sources");
        continue;
      }
      if (leftColumns == null) {
        continue;
      }
      String leftColumn = part.leftColumnFor(key);
      DataType leftType = leftColumns.get(leftColumn);
      if (leftType == null) {
        problems.error(ErrorCode.MISSING_COLUMN, at, "left column " + leftColumn + " (for key " + key + " of "
            + groupBy.name()
                + ") is not a column of " + leftName,
            "select " + leftColumn + " on the left, or map another left column to " + key + " with keyMapping");
      } else if (!leftType.sameType(rightType)) {
        problems.error(ErrorCode.TYPE_MISMATCH, keysField, "key " + key + " is " + rightType.simpleString()
            + " in "
                + source.table() + " but " + leftColumn + " is " + leftType.simpleString() + " in " + leftName,
            "make the types equal in a select, e.g. \"" + key + "\": \"CAST(" + key + " AS "
                + leftType.simpleString().toUpperCase(Locale.ROOT) + ")\"");
      }
    }
  }

  /**
   * The output type of each column of an aggregation (one per window and bucket), or null for those with a problem,
   * which is reported. Input and bucket columns are recorded in {@code inputTypes}.
   */
  private List<DataType> aggregationTypes(Aggregation aggregation, Location at, Map<String, DataType> columns,
      SourceScan source, Map<String, DataType> inputTypes) {
    List<AggregationPart> parts = aggregation.unpack();
    List<DataType> types = new ArrayList<>(Collections.nCopies(parts.size(), null));
    String input = aggregation.inputColumn();
    DataType columnType = columns.get(input);
    if (columnType == null) {
      problems.error(ErrorCode.MISSING_COLUMN, at.field("inputColumn"), input + " is not a column of "
          + source.table(),
          "select " + input + " in the GroupBy's sources, or aggregate an existing column");
      return types;
    }
    for (String bucket : aggregation.buckets()) {
      DataType bucketType = columns.get(bucket);
      if (!(bucketType instanceof StringType)) {
        problems.error(bucketType == null ? ErrorCode.MISSING_COLUMN : ErrorCode.TYPE_MISMATCH, at.field("buckets"),
            "bucket column " + bucket + (bucketType == null
                ? " is not a column of " + source.table() : " is " + bucketType.simpleString() + ", not a string"),
            "select the bucket as a string, e.g. \"" + bucket + "\": \"CAST(" + bucket + " AS STRING)\"");
        return types;
      }
      inputTypes.put(bucket, bucketType);
    }
    Optional<InputType> inputType = SparkTypes.inputType(columnType);
    if (inputType.isEmpty()) {
      problems.error(ErrorCode.TYPE_MISMATCH, at.field("inputColumn"), input + " has type "
          + columnType.simpleString()
          + ", which no operation aggregates", "convert it in the selects to a number or a string");
      return types;
    }
    for (int i = 0; i < parts.size(); i++) {
      AggregationPart part = parts.get(i);
      Optional<String> problem = Operators.problem(part, inputType.get());
      if (problem.isPresent()) {
        problems.error(ErrorCode.TYPE_MISMATCH, at.field("operation"), "cannot aggregate " + input + " ("
            + columnType.simpleString()
            + "): " + problem.get(), "aggregate another column, or convert this one in the selects");
        return types;
      }
      ColumnPlan plan = Operators.plan(part, inputType.get());
      types.set(i, SparkTypes.outputType(plan, SparkTypes.valueType(plan, columnType)));
    }
    inputTypes.put(input, columnType);
    return types;
  }

  private static Map<String, DataType> columnTypes(StructType schema) {
    Map<String, DataType> types = new LinkedHashMap<>();
    for (StructField field : schema.fields()) {
      types.put(field.name(), field.dataType());
    }
    return types;
  }

  private static String describe(StructType schema) {
    return schema.simpleString();
  }
}
