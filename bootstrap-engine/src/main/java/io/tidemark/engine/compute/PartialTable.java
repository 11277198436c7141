package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static java.util.Objects.requireNonNull;
import static org.apache.iceberg.TableProperties.PARQUET_COLUMN_STATS_ENABLED_PREFIX;
import static org.apache.iceberg.TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftleft;

import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.PartialColumns;
import io.tidemark.aggregator.PartialPiece;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.PartialsMode;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.DayVersions;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.write.StepWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;

/**
 * A GroupBy's daily partial aggregates, {@code <outputNamespace>.<name>_partials}: per key and UTC day, one binary
 * column per stored aggregation ({@link PartialColumns}) holding the state of that day's events, {@code span_days} (1),
 * then {@code ds}. Per key and aligned block of 8 or 32 days ({@link PartialPiece}) too, the merge of its days' states,
 * with {@code span_days} 8 or 32 and {@code ds} the block's last day; partitioned by {@code ds} and {@code span_days}.
 * Filled like every table Tidemark owns: only the days it lacks, one commit each time, days without events recorded as
 * empty; the same commit builds every block whose days are then all filled. So a block is there (or had no rows)
 * exactly when all its days are filled: a block with its last day kept by maintenance but earlier days dropped is not
 * read, and is built again, replacing its rows, when those days are. The table carries
 * {@link TableProperties#PARTIALS_HASH}; when the GroupBy's sources, keys or stored aggregations change, or the table
 * has another {@link TableProperties#PARTIALS_LAYOUT}, the table is dropped and built anew (it is a cache of its
 * sources: nothing else is lost).
 *
 * <p>A day's partials hold the events of that day's partition whose time falls on that day. Events stored in another
 * day's partition (late arrivals) are left out, and counted in the table property
 * {@link TableProperties#PARTIALS_EVENTS_OUTSIDE_DAY}. Each day records the version of the source partition it was
 * built from ({@link BuiltDays}): a day whose partition changed since (rows added, rewritten or deleted, or the
 * partition dropped) no longer counts as filled, so it is built again before it is read, with the blocks that hold it,
 * and a block with such a day is not read meanwhile.
 */
final class PartialTable {
  /** The prefix of the state columns: {@code state_0}, {@code state_1}, ... in the order of {@link PartialColumns}. */
  static final String STATE = "state_";
  /** How many days a row's states cover: 1 for a day, 8 or 32 for a block. */
  static final String SPAN_DAYS = "span_days";
  /** The layout {@link TableProperties#PARTIALS_LAYOUT} names: days and blocks. */
  static final String LAYOUT = "2";
  /** A build's sort columns: the keys' hash bucket and the time in one long, and the hash that orders an instant. */
  private static final String SORT_KEY = "__sort_key";
  private static final String TIE_BREAK = "__tie_break";
  /** The largest time from the first day's midnight that a build's sort key holds below the bucket. */
  private static final long MAX_SORT_OFFSET = (1L << SweepLayout.TIME_AND_KIND_BITS) - 1;

  /** When a reader asks whether it reads partials: before it builds the days the table lacks, or as it reads. */
  enum Moment {
    /** A run's preparation, which builds the days that the reader needs and the table lacks. */
    BEFORE_BUILDING,
    /** Reading: whatever the table still lacks is not built now, so it must lack nothing. */
    READING
  }

  private final TidemarkCatalog catalog;
  private final PartialsMode mode;
  /** Whether the GroupBy sets {@link PartialsMode#PROPERTY} itself, rather than leaving it to the default. */
  private final boolean modeChosen;
  private final TableName name;
  private final String definition;
  private final List<SourceScan> sources;
  private final List<String> keys;
  private final List<AggregationPart> parts;
  private final LinkedHashMap<String, DataType> inputTypes;
  private final LinkedHashMap<String, InputType> inputs = new LinkedHashMap<>();
  private final PartialColumns columns;
  private final String hash;
  private final StructType schema;
  private final Optional<Long> keepDays;
  private SortedSet<Day> sourceDays;
  private SortedMap<Day, String> sourceVersions;

  /** @param inputTypes the columns the aggregations read (inputs and buckets), with their Spark types */
  PartialTable(TidemarkCatalog catalog, GroupBy groupBy, List<SourceScan> sources, Map<String, DataType> inputTypes) {
    this.catalog = catalog;
    this.mode = PartialsMode.of(groupBy).orElse(PartialsMode.AUTO);
    this.modeChosen = groupBy.metaData().tableProperties().containsKey(PartialsMode.PROPERTY);
    this.name = Names.partialsTable(groupBy);
    this.definition = groupBy.name();
    this.sources = List.copyOf(sources);
    this.keys = groupBy.keyColumns();
    this.parts = groupBy.aggregationParts();
    this.keepDays = keepDays(groupBy);
    this.inputTypes = new LinkedHashMap<>(inputTypes);
    inputTypes.forEach((column, type) -> inputs.put(column, SparkTypes.inputType(type).orElseThrow()));
    this.columns = new PartialColumns(parts, inputs);
    this.hash = SemanticHash.ofPartials(groupBy,
        IntStream.range(0, columns.size()).mapToObj(columns::description).toList());
    List<StructField> fields = new ArrayList<>();
    for (String key : keys) {
      fields.add(DataTypes.createStructField(key, sources.get(0).schema().apply(key).dataType(), true));
    }
    for (int c = 0; c < columns.size(); c++) {
      fields.add(DataTypes.createStructField(STATE + c, DataTypes.BinaryType, true)
          .withComment(columns.description(c)));
    }
    fields.add(DataTypes.createStructField(SPAN_DAYS, DataTypes.IntegerType, true));
    fields.add(DataTypes.createStructField(Names.PARTITION_COLUMN, DataTypes.StringType, true));
    this.schema = DataTypes.createStructType(fields);
  }

  TableName name() {
    return name;
  }

  /** The names of the state columns, in the order {@link io.tidemark.aggregator.PartialWindowEvaluator} reads them. */
  List<String> stateColumns() {
    return IntStream.range(0, columns.size()).mapToObj(c -> STATE + c).toList();
  }

  /**
   * Reports a table of this name that holds something else to {@code problems} (at {@code field}), so
   * that filling never writes into a table Tidemark does not keep partials in.
   */
  void checkOwner(Location field, Problems problems) {
    catalog.loadTable(name).ifPresent(table -> {
      if (!TableType.PARTIALS.propertyValue().equals(table.properties().get(TableProperties.TABLE_TYPE))) {
        problems.error(ErrorCode.TABLE_OWNED_ELSEWHERE, field, "is always, but " + name
            + ", where the partial aggregates of " + definition
            + " are kept, exists and holds something else", "rename or drop " + name + ", or set the property to "
            + "never");
      }
    });
  }

  /**
   * The table as a fill finds it.
   *
   * @param table the table, when it exists and was built for this definition with this layout
   * @param record the source version each held day was built from
   * @param held the days the table holds, with rows or recorded empty
   * @param current of {@code held}, the days built from their source partitions as they are now: days whose partition
   *     changed or went since are left out
   */
  private record Stand(Optional<OwnedTable> table, BuiltDays record, SortedSet<Day> held, SortedSet<Day> current) {}

  private Stand stand() {
    Optional<OwnedTable> table = current();
    if (table.isEmpty()) {
      return new Stand(table, BuiltDays.NONE, new TreeSet<>(), new TreeSet<>());
    }
    BuiltDays record = BuiltDays.parse(table.get().property(TableProperties.PARTIALS_SOURCE_VERSIONS).orElse(null));
    SortedSet<Day> held = new TreeSet<>(table.get().filledDays());
    return new Stand(table, record, held, record.current(held, sourceVersions()));
  }

  /** The version of each day with source data ({@link DayVersions}), read with {@link #sourceDays}. */
  private SortedMap<Day, String> sourceVersions() {
    if (sourceVersions == null) {
      try (RunProfile.Stage stage = RunProfile.stage("partials: source versions")) {
        List<Table> tables = sources.stream().map(SourceScan::table).distinct()
            .map(table -> catalog.loadTable(table).orElseThrow()).toList();
        sourceVersions = DayVersions.of(tables, sourceDays());
      }
    }
    return sourceVersions;
  }

  /**
   * The days the sources have data for, listed once per table object (a plan and its run): a sub-partition's days may
   * take a query to find.
   */
  SortedSet<Day> sourceDays() {
    if (sourceDays == null) {
      sourceDays = new TreeSet<>();
      sources.forEach(source -> sourceDays.addAll(source.presentDays()));
    }
    return new TreeSet<>(sourceDays);
  }

  /** The table, when it exists and was built for this definition with this layout. */
  private Optional<OwnedTable> current() {
    return OwnedTable.load(catalog, name)
        .filter(table -> table.property(TableProperties.PARTIALS_HASH).equals(Optional.of(hash)))
        .filter(table -> table.property(TableProperties.PARTIALS_LAYOUT).equals(Optional.of(LAYOUT)));
  }

  /**
   * What a reader of partials (a step of a join part, or of a GroupBy's keys) would read, worked out only when asked:
   * {@code auto} asks only when the table holds this version of the GroupBy; {@code always} asks only for the days,
   * to describe its fill in the plan.
   *
   * @param days the days of partials it needs
   * @param partialRows the rows it reads from the table's pieces and the raw events at the windows' ends
   * @param rawRows the raw events it reads without partials
   */
  record Need(Supplier<SortedSet<Day>> days, LongSupplier partialRows, LongSupplier rawRows) {
    Need {
      requireNonNull(days, "days is null");
      requireNonNull(partialRows, "partialRows is null");
      requireNonNull(rawRows, "rawRows is null");
    }
  }

  /**
   * Whether a reader reads partials rather than raw events: always when the GroupBy says {@code always}; with
   * {@code auto}, when {@link #estimate} finds the partials cheaper and, {@link Moment#READING}, nothing left to build.
   */
  boolean readsPartials(Need need, Moment moment) {
    if (mode == PartialsMode.ALWAYS) {
      return true;
    }
    return estimate(need, Set.of())
        .filter(PartialsEstimate::partialsCheaper)
        .filter(estimate -> moment == Moment.BEFORE_BUILDING || estimate.daysToBuild() == 0)
        .isPresent();
  }

  /**
   * What reading partials costs {@code need} against raw events, from table metadata; empty when the table does not
   * hold this version of the GroupBy (absent, another version, or another kind of table), which {@code auto} never
   * builds or replaces.
   *
   * @param builtBefore days an earlier step of the same plan builds: not to build again, and read as at most a row per
   *     event, since the table has no rows of them yet
   */
  private Optional<PartialsEstimate> estimate(Need need, Set<Day> builtBefore) {
    Stand stand = stand();
    if (stand.table().isEmpty()) {
      return Optional.empty();
    }
    SortedSet<Day> days = toBuild(need.days().get(), stand.current());
    SortedSet<Day> builtEarlier = new TreeSet<>(days);
    builtEarlier.retainAll(builtBefore);
    days.removeAll(builtBefore);
    return Optional.of(new PartialsEstimate(need.partialRows().getAsLong() + events(builtEarlier), days.size(),
        events(days), need.rawRows().getAsLong()));
  }

  /**
   * About how many events the sources hold on {@code days}, from table metadata, each run of consecutive days counted
   * on its own (so that two far-apart days do not count the days between them).
   */
  long events(SortedSet<Day> days) {
    return DayRange.runs(days).stream().mapToLong(this::events).sum();
  }

  private long events(DayRange run) {
    return sources.stream().mapToLong(source -> source.estimatedRows(run.first().toString(), run.last().toString()))
        .sum();
  }

  /**
   * The days the table holds (with rows or recorded empty) built from their source partitions as they are now; none
   * when it must be rebuilt.
   */
  SortedSet<Day> filledDays() {
    return stand().current();
  }

  /**
   * Builds and commits the partials of the days among {@code wanted} that are missing or were built from another
   * version of their source partition, and of the blocks that hold one of them and whose days are then all filled, in
   * one commit of run {@code runId} that replaces those days' and blocks' rows.
   *
   * @return the days filled
   */
  SortedSet<Day> fill(Collection<Day> wanted, String runId) {
    Stand stand = stand();
    Optional<OwnedTable> existing = stand.table();
    SortedSet<Day> days = toBuild(wanted, stand.current());
    if (days.isEmpty()) {
      return days;
    }
    if (existing.isEmpty() && catalog.tableExists(name)) {
      catalog.dropRebuildableTable(name);
    }
    CollectionAccumulator<String> withRows = catalog.spark().sparkContext().collectionAccumulator("partial days");
    CollectionAccumulator<DayPartialFunction.EventsOffDay> outsideDay =
        catalog.spark().sparkContext().collectionAccumulator("outside day");
    long estimated = events(new DayRange(days.first(), days.last()));
    SortedSet<Day> filled = new TreeSet<>(days);
    filled.addAll(stand.current());
    Set<PartialPiece> blocks = completedBlocks(days, filled);
    SortedSet<Day> oldDays = new TreeSet<>();
    blocks.forEach(block -> oldDays.addAll(block.days()));
    oldDays.removeAll(days);
    // Blocks made of new days only are folded from the day rows as they are built; blocks that also hold days the
    // table has are merged after, from the new days' rows and the stored ones, shuffled by key together.
    Set<PartialPiece> folded = oldDays.isEmpty() ? blocks : Set.of();
    Dataset<Row> dayRows = build(List.copyOf(days), estimated, withRows, outsideDay, folded);
    Dataset<Row> rows = dayRows;
    if (!oldDays.isEmpty()) {
      // The new days' rows are written and merged into blocks: computed once, so that the accumulators count once.
      dayRows.persist();
      dayRows.count();
      rows = dayRows.union(blocks(blocks, dayRows, oldDays));
    }
    CommitInfo info = CommitInfo.of(runId, "partials").withDays(days);
    Schema icebergSchema = SparkSchemaUtil.convert(schema);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(TableProperties.TABLE_TYPE, TableType.PARTIALS.propertyValue());
    properties.put(TableProperties.DEFINITION, definition);
    properties.put(TableProperties.PARTIALS_HASH, hash);
    properties.put(TableProperties.PARTIALS_KEEP_DAYS, keepDays.map(String::valueOf).orElse("all"));
    properties.put(TableProperties.PARTIALS_LAYOUT, LAYOUT);
    // Encoded states are mostly distinct, and a file (one day's or one block's rows, one row per key) holds each key
    // once: a dictionary would hash every value only to be dropped, and then write them all again.
    Stream.concat(keys.stream(), stateColumns().stream()).forEach(column -> properties.put(
        PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + column, "false"));
    // Nothing filters on the encoded states: their minimum and maximum would cost a comparison of bytes per row.
    stateColumns().forEach(column -> properties.put(PARQUET_COLUMN_STATS_ENABLED_PREFIX + column, "false"));
    try (RunProfile.Stage stage = RunProfile.stage("partials: fill " + days.size() + " day(s)");
        TableChange change = existing.map(table -> table.fill(info, days))
            .orElseGet(() -> OwnedTable.create(catalog, name, icebergSchema,
                PartitionSpec.builderFor(icebergSchema).identity(Names.PARTITION_COLUMN).identity(SPAN_DAYS).build(),
                properties, info))) {
      if (existing.isPresent()) {
        List<PartialPiece> replaced = new ArrayList<>(blocks);
        days.forEach(day -> replaced.add(PartialPiece.of(day, 1)));
        StepWriter.overwrite(change, rows, estimated / 4, rowsOf(replaced));
      } else {
        StepWriter.write(change, rows, estimated / 4, StepWriter.Days.ADD, StepWriter.Columns.FIXED);
      }
      Map<Day, Long> offDay = new HashMap<>();
      outsideDay.value().forEach(count -> offDay.merge(Day.parse(count.ds()), count.events(), Long::sum));
      BuiltDays built = stand.record().after(days, sourceVersions(), offDay, stand.held());
      properties.put(TableProperties.PARTIALS_SOURCE_VERSIONS, built.property());
      properties.put(TableProperties.PARTIALS_EVENTS_OUTSIDE_DAY, Long.toString(built.eventsOutsideDay()));
      change.setProperties(properties);
      Set<String> withData = new HashSet<>(withRows.value());
      change.recordFilledDays(days, days.stream().filter(day -> !withData.contains(day.toString())).toList());
      change.commit();
    } finally {
      dayRows.unpersist();
    }
    return days;
  }

  /**
   * Of {@code wanted}, the days with source data that are not among {@code current}: lacking, or built from another
   * version of their partition.
   */
  private SortedSet<Day> toBuild(Collection<Day> wanted, Set<Day> current) {
    SortedSet<Day> days = new TreeSet<>(wanted);
    days.retainAll(sourceDays());
    days.removeAll(current);
    return days;
  }

  /**
   * For the plan, one line on what {@link #fill} would do with {@code wanted}: how many days it builds, how many of
   * those it builds again because their source partition changed, or that it starts the table anew. Reads table
   * metadata only and writes nothing.
   */
  private String describeFill(Collection<Day> wanted) {
    return definition + ": daily partial aggregates in " + name + ", " + fillDetails(wanted);
  }

  private String fillDetails(Collection<Day> wanted) {
    Stand stand = stand();
    SortedSet<Day> days = toBuild(wanted, stand.current());
    if (days.isEmpty()) {
      return "every day the windows need is built";
    }
    String span = days.first().equals(days.last()) ? days.first().toString() : days.first() + " to " + days.last();
    if (stand.table().isEmpty() && catalog.tableExists(name)) {
      return days.size() + " day(s) to build first, " + span
          + ", into a new table (the one there holds another version of the GroupBy)";
    }
    long again = days.stream().filter(stand.held()::contains).count();
    if (again == days.size()) {
      return days.size() + " day(s) to build again, " + span + " (their source partitions changed)";
    }
    String details = days.size() + " day(s) to build first, " + span;
    return again == 0 ? details : details + ", " + again + " of them again (their source partitions changed)";
  }

  /**
   * For the plan, one line on what a reader's steps, {@code steps} (asked only when needed), build and read: with
   * {@code always}, what {@link #fill} builds for them ({@link #describeFill}); with {@code auto}, how many read partials
   * and the estimates behind it (each step's counting what the steps before it build), or, when the table does not
   * hold this version of the GroupBy, that they read raw events (nothing when the definition leaves the choice to the
   * default). Reads table metadata only.
   */
  Optional<String> describePreparation(Supplier<List<Need>> steps) {
    SortedSet<Day> built = new TreeSet<>();
    if (mode == PartialsMode.ALWAYS) {
      steps.get().forEach(step -> built.addAll(step.days().get()));
      return Optional.of(describeFill(built));
    }
    if (current().isEmpty()) {
      return describeNotHeld();
    }
    List<PartialsEstimate> estimates = new ArrayList<>();
    for (Need step : steps.get()) {
      Optional<PartialsEstimate> estimate = estimate(step, built);
      if (estimate.isEmpty()) {
        return describeNotHeld();
      }
      estimates.add(estimate.get());
      if (estimate.get().partialsCheaper()) {
        built.addAll(step.days().get());
      }
    }
    return Optional.of(describeChoice(estimates, built));
  }

  /**
   * For the plan of {@code auto} when the table does not hold this version of the GroupBy: a line when the definition
   * chose {@code auto} itself, nothing when it left the choice to the default (as most GroupBys do).
   */
  private Optional<String> describeNotHeld() {
    if (!modeChosen) {
      return Optional.empty();
    }
    return Optional.of(definition + ": raw events, since " + name + " holds no daily partial aggregates of this "
        + "version of the GroupBy (" + PartialsMode.PROPERTY + " is auto, which reads partials only where they are "
        + "kept; always builds them)");
  }

  /**
   * For the plan of {@code auto}: how many of the steps read partials (those whose {@code estimates} find them
   * cheaper), what those steps build first ({@code built}, their days), and the estimates summed over all the steps.
   */
  private String describeChoice(List<PartialsEstimate> estimates, SortedSet<Day> built) {
    long chosen = estimates.stream().filter(PartialsEstimate::partialsCheaper).count();
    long partialsCost = estimates.stream().mapToLong(PartialsEstimate::partialsCost).sum();
    long rawRows = estimates.stream().mapToLong(PartialsEstimate::rawRows).sum();
    String estimated = String.format(Locale.ROOT, "an estimated %,d rows to read from partials and raw events, each "
        + "day to build counted %d times its events, against %,d raw events; %s is auto", partialsCost,
        PartialsEstimate.BUILD_WEIGHT, rawRows, PartialsMode.PROPERTY);
    if (chosen == 0) {
      return definition + ": raw events in every step, not the daily partial aggregates in " + name + " (" + estimated
          + ")";
    }
    return definition + ": daily partial aggregates in " + name + " for " + chosen + " of " + estimates.size()
        + " step(s), " + fillDetails(built) + " (" + estimated + ")";
  }

  /** The aligned blocks that hold one of {@code days} and whose days are all among {@code filled}. */
  private static Set<PartialPiece> completedBlocks(SortedSet<Day> days, Set<Day> filled) {
    Set<PartialPiece> blocks = new LinkedHashSet<>();
    for (int span : PartialPiece.BLOCK_SPANS) {
      for (Day day : days) {
        PartialPiece block = PartialPiece.containing(day.epochDay(), span);
        if (filled.containsAll(block.days())) {
          blocks.add(block);
        }
      }
    }
    return blocks;
  }

  /**
   * The rows of {@code blocks}: per key, the merge of its rows of the block's days, from {@code dayRows} for the days
   * just built and from the table for {@code oldDays}. A block without rows is not written.
   */
  private Dataset<Row> blocks(Set<PartialPiece> blocks, Dataset<Row> dayRows, SortedSet<Day> oldDays) {
    Column[] columns = Arrays.stream(schema.fieldNames()).map(field -> col(quote(field))).toArray(Column[]::new);
    Dataset<Row> days = dayRows.union(catalog.spark().table(catalog.sqlName(name)).filter(col(SPAN_DAYS).equalTo(1)
        .and(col(Names.PARTITION_COLUMN).isin(Day.texts(oldDays).toArray()))).select(columns));
    Column[] shuffle = keys.stream().map(key -> col(quote(key))).toArray(Column[]::new);
    List<Column> order = new ArrayList<>(List.of(shuffle));
    order.add(col(Names.PARTITION_COLUMN));
    return days.repartition(catalog.spark().sparkContext().defaultParallelism(), shuffle)
        .sortWithinPartitions(order.toArray(Column[]::new))
        .mapPartitions(new BlockPartialFunction(keys.size(), parts, inputs, blocks), Encoders.row(schema));
  }

  /** The {@code ds} of a piece's rows: its last day, so that maintenance drops a block only with all its days. */
  static String blockDs(PartialPiece piece) {
    return PartitionDates.dayOf(piece.lastDay() * PartitionDates.DAY_MILLIS);
  }

  /**
   * How many days before the newest the longest window reaches, rounded up to whole days: what maintenance keeps.
   * Empty for an unwindowed aggregation, which needs every day.
   */
  private static Optional<Long> keepDays(GroupBy groupBy) {
    OptionalLong longest = groupBy.longestWindowMillis();
    return longest.isEmpty() ? Optional.empty() : Optional.of(
        Math.max(1, Math.floorDiv(longest.getAsLong() + PartitionDates.DAY_MILLIS - 1, PartitionDates.DAY_MILLIS)));
  }

  /** The partials of {@code days}: keys, states, {@code span_days}, {@code ds}; none before the table exists. */
  Dataset<Row> read(Collection<Day> days) {
    return read(days.stream().map(day -> PartialPiece.of(day, 1)).toList());
  }

  /** The partials of {@code pieces}, days and blocks, as {@link #read(Collection)}. */
  Dataset<Row> read(List<PartialPiece> pieces) {
    if (!catalog.tableExists(name)) {
      return catalog.spark().createDataFrame(List.of(), schema);
    }
    return catalog.spark().table(catalog.sqlName(name)).filter(rowsOf(pieces));
  }

  /**
   * The rows of {@code pieces}: whole partitions, by {@code span_days} and {@code ds}, without a literal (which an
   * overwrite cannot hand to Iceberg).
   */
  private static Column rowsOf(Collection<PartialPiece> pieces) {
    return pieces.stream().map(PartialPiece::spanDays).distinct().map(span -> {
      Object[] ofSpan = pieces.stream().filter(piece -> piece.spanDays() == span).map(PartialTable::blockDs).toArray();
      return col(SPAN_DAYS).equalTo(span).and(col(Names.PARTITION_COLUMN).isin(ofSpan));
    }).reduce(Column::or).orElse(lit(false));
  }

  /** About how many rows {@link #read} gives for {@code pieces}, from table metadata. */
  long estimatedRows(List<PartialPiece> pieces) {
    if (!catalog.tableExists(name)) {
      return 0;
    }
    Set<List<String>> partitions = new HashSet<>();
    pieces.forEach(piece -> partitions.add(List.of(blockDs(piece), Integer.toString(piece.spanDays()))));
    return catalog.estimatedRows(name, List.of(Names.PARTITION_COLUMN, SPAN_DAYS), partitions);
  }

  /**
   * One row per key and day with events: the events of each day's partition on that day, shuffled by key, sorted by
   * one long, the bucket of the keys' hash (as the sweep's sort key begins) and the time from the first day's midnight,
   * then (for operations that depend on arrival order) by the same hash of values the sweep sorts by.
   */
  private Dataset<Row> build(List<Day> days, long estimated, CollectionAccumulator<String> withRows,
      CollectionAccumulator<DayPartialFunction.EventsOffDay> outsideDay, Set<PartialPiece> blocks) {
    Column time = col(Names.TIME_COLUMN);
    Dataset<Row> events = SourceScan.readAll(sources, days.get(0).toString(), days.get(days.size() - 1).toString())
        .filter(col(Names.PARTITION_COLUMN).isin(Day.texts(days).toArray()))
        .filter(time.isNotNull());
    for (String key : keys) {
      events = events.filter(col(quote(key)).isNotNull());
    }
    List<Column> selected = new ArrayList<>();
    Column[] shuffle = new Column[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      shuffle[k] = col(quote(keys.get(k)));
      selected.add(shuffle[k]);
    }
    selected.add(col(Names.PARTITION_COLUMN));
    selected.add(time);
    // An event on its partition's day lies within the days built, so its time from the first day's midnight fits below
    // the bucket whole, and one long orders a task's events: Spark sorts by it alone, without comparing rows, unless a
    // tie-break follows. Events off their day, which are only counted, are held at the ends.
    Column offset = least(greatest(time.minus(lit(days.get(0).startMillis())), lit(0L)), lit(MAX_SORT_OFFSET));
    selected.add(shiftleft(PointInTimeJoin.bucket(List.of(shuffle)), SweepLayout.TIME_AND_KIND_BITS)
        .bitwiseOR(offset).as(SORT_KEY));
    List<Column> inputColumns = new ArrayList<>();
    inputTypes.keySet().forEach(input -> inputColumns.add(col(quote(input))));
    selected.addAll(inputColumns);
    List<Column> order = new ArrayList<>(List.of(col(SORT_KEY)));
    boolean tieBreak = PointInTimeJoin.ordersByValue(parts);
    if (tieBreak) {
      selected.add(PointInTimeJoin.tieBreak(inputColumns, List.copyOf(inputTypes.values())).as(TIE_BREAK));
      order.add(col(TIE_BREAK));
    }
    int parallelism = catalog.spark().sparkContext().defaultParallelism();
    int tasks = (int) Math.max(parallelism,
        Math.min(PointInTimeJoin.MAX_TASKS, estimated / PointInTimeJoin.ROWS_PER_TASK));
    Dataset<Row> sorted = events.select(selected.toArray(Column[]::new)).repartition(tasks, shuffle)
        .sortWithinPartitions(order.toArray(Column[]::new));
    if (tieBreak) {
      sorted = sorted.drop(TIE_BREAK);
    }
    return sorted.mapPartitions(
        new DayPartialFunction(keys.size(), parts, inputs, withRows, outsideDay, blocks), Encoders.row(schema));
  }
}
