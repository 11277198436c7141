package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.tidemark.aggregator.Deletes;
import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.Operators;
import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Aggregations as of each left row, without a cross join: the left rows and the part's feed rows are put in one
 * dataset, shuffled by key (and snapshot day, for feeds split by day), sorted by time within each key (left rows
 * before events of the same instant, so an event at exactly the left row's time is not seen), and swept once by
 * {@link SweepFunction}. A join's feed is first cut down to the keys the step's left rows have ({@link FeedKeys}).
 */
final class PointInTimeJoin implements PartComputation {
  /**
   * The feed is filtered to the left's keys when it is at least this many times larger than the left: a left that
   * large already covers most keys, and the filter would cost a job of its own for little.
   */
  static final long KEY_FILTER_MIN_FEED_TO_LEFT_RATIO = 10;
  /** Up to this many left rows in a step, their distinct keys are broadcast to filter the feed. */
  static final long KEY_FILTER_MAX_LEFT_ROWS = 5_000_000L;
  /**
   * Rows per sort-and-sweep task: small sorts stay in cache, and tasks interleave reading with sorting. Measured on
   * the benchmark at scale M (7.2 million rows, 2 cores): 50k per task 6.9 s, 100k 7.4 s, 400k 8.0 s, 3.6 million
   * (one task per core) over 11 s.
   */
  static final long ROWS_PER_TASK = 50_000L;
  static final int MAX_TASKS = 4_000;

  private static final String KEY = "__key_";
  private static final String TIME = "__time";
  private static final String SORT_KEY = "__sort_key";
  private static final String INPUT = "__input_";
  private static final String HASH = "__row_hash";
  private static final String LEFT = "__left";
  private static final String STATE = "__state_";

  private final JoinPart part;
  private final EventFeed feed;
  private final Accuracy accuracy;
  private final LeftTimeline timeline;
  private final Deletes deletes;
  private final FeedKeys feedKeys;
  private final List<AggregationPart> aggregations;
  private final LinkedHashMap<String, DataType> inputTypes;
  private final List<StructField> outputFields;

  /**
   * @param inputTypes the columns the aggregations read (inputs and buckets), with their Spark types
   * @param outputFields the part's output columns
   */
  PointInTimeJoin(JoinPart part, EventFeed feed, Accuracy accuracy, LeftTimeline timeline, Deletes deletes,
      FeedKeys feedKeys, Map<String, DataType> inputTypes, List<StructField> outputFields) {
    this.part = part;
    this.feed = feed;
    this.accuracy = accuracy;
    this.timeline = timeline;
    this.deletes = deletes;
    this.feedKeys = feedKeys;
    this.aggregations = part.groupBy().aggregationParts();
    this.inputTypes = new LinkedHashMap<>(inputTypes);
    this.outputFields = List.copyOf(outputFields);
  }

  @Override
  public List<StructField> outputFields() {
    return outputFields;
  }

  @Override
  public void prepare(StepInput step, String runId) {
    feed.prepare(step, timeline, runId);
  }

  @Override
  public Optional<String> describePreparation(List<List<Day>> days, Function<List<Day>, StepInput> inputs) {
    return feed.describePreparation(days, inputs, timeline);
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> left, StepInput step) {
    return sweep(left, step, false, Optional.empty(), left);
  }

  /** Assigns row keys in the sweep itself: identical left rows share keys and time, so they meet there. */
  @Override
  public Dataset<Row> applyWithRowKeys(Dataset<Row> left, StepInput step) {
    return sweep(left, step, true, Optional.empty(), left);
  }

  /**
   * Sweeps the skipped rows with the others but without a time, so they get NULLs and no query; the events are cut
   * down to the keys of {@code computedKeys}. Carrying the skipped rows through the sweep, which copies them as they
   * are, costs less than sweeping the others alone and joining their values back on the row key.
   */
  @Override
  public Dataset<Row> applyExcept(Dataset<Row> left, StepInput step, Optional<Column> skipped,
      Dataset<Row> computedKeys) {
    return sweep(left, step, false, skipped, computedKeys);
  }

  @Override
  public List<String> leftKeyColumns() {
    return part.leftKeyColumns();
  }

  /**
   * @param computedKeys the rows to compute, with at least the {@link #leftKeyColumns}, whose keys the events are cut
   *     down to
   */
  private Dataset<Row> sweep(Dataset<Row> left, StepInput step, boolean numberRows, Optional<Column> skipped,
      Dataset<Row> computedKeys) {
    EventFeed feed = this.feed.forStep(step, timeline);
    List<String> keys = part.groupBy().keyColumns();
    Optional<Column> leftDay = feed.leftDay(timeline);
    int keyCount = keys.size() + (leftDay.isPresent() ? 1 : 0);
    List<Column> leftKeys = new ArrayList<>();
    List<Column> eventKeys = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      leftKeys.add(col(quote(part.leftColumnFor(keys.get(i)))));
      eventKeys.add(col(quote(keys.get(i))));
    }
    if (leftDay.isPresent()) {
      leftKeys.add(leftDay.get());
      eventKeys.add(col(EventFeed.DAY));
    }
    Column asOf = timeline.asOf(accuracy);
    Column leftTime = skipped.map(skip -> when(not(skip), asOf)).orElse(asOf);
    List<Column> leftSide = new ArrayList<>();
    List<Column> eventSide = new ArrayList<>();
    leftSide.add(sortKey(leftKeys, leftTime, lit(SweepLayout.LEFT_ROW)).as(SORT_KEY));
    eventSide.add(sortKey(eventKeys, col(Names.TIME_COLUMN), col(EventFeed.KIND)).as(SORT_KEY));
    for (int i = 0; i < keyCount; i++) {
      leftSide.add(leftKeys.get(i).as(KEY + i));
      eventSide.add(eventKeys.get(i).as(KEY + i));
    }
    leftSide.add(leftTime.as(TIME));
    eventSide.add(col(Names.TIME_COLUMN).as(TIME));
    if (numberRows) {
      leftSide.add(RowKeys.hash(left).as(HASH));
      eventSide.add(lit(null).cast(DataTypes.StringType).as(HASH));
    }
    Column[] leftColumns = Arrays.stream(left.columns()).map(column -> col(quote(column))).toArray(Column[]::new);
    leftSide.add(struct(leftColumns).as(LEFT));
    eventSide.add(lit(null).cast(left.schema()).as(LEFT));
    int input = 0;
    for (Map.Entry<String, DataType> entry : inputTypes.entrySet()) {
      leftSide.add(lit(null).cast(entry.getValue()).as(INPUT + input));
      eventSide.add(col(quote(entry.getKey())).as(INPUT + input));
      input++;
    }
    List<String> states = feed.stateColumns();
    for (int i = 0; i < states.size(); i++) {
      leftSide.add(lit(null).cast(DataTypes.BinaryType).as(STATE + i));
      eventSide.add(col(states.get(i)).as(STATE + i));
    }
    if (!states.isEmpty()) {
      leftSide.add(lit(null).cast(DataTypes.IntegerType).as(EventFeed.SPAN));
      eventSide.add(col(EventFeed.SPAN));
    }
    WindowTime windowTime = feed.windowTime();
    if (windowTime == WindowTime.ROW) {
      leftSide.add(lit(null).cast(DataTypes.LongType).as(SourceScan.ROW_TIME));
      eventSide.add(col(SourceScan.ROW_TIME));
    }

    Dataset<Row> events = feed.rows(step, timeline).filter(col(Names.TIME_COLUMN).isNotNull());
    for (String key : keys) {
      events = events.filter(col(quote(key)).isNotNull());
    }
    long feedRows = feed.estimatedRows(step, timeline);
    if (feedKeys == FeedKeys.CUT_TO_LEFT && step.rows() <= KEY_FILTER_MAX_LEFT_ROWS
        && feedRows >= KEY_FILTER_MIN_FEED_TO_LEFT_RATIO * step.rows()) {
      events = onlyLeftKeys(events, computedKeys, keys);
    }
    int parallelism = left.sparkSession().sparkContext().defaultParallelism();
    int tasks = (int) Math.max(parallelism, Math.min(MAX_TASKS, (step.rows() + feedRows) / ROWS_PER_TASK));

    // Within a key: by time; left rows before events of the same instant (an event at the left row's time is not
    // seen), then additions before deletions: the sort key holds all of it, and Spark sorts by that one long alone (a
    // radix sort) unless one instant's rows need an order too: by their own time when windows follow it; events by a
    // hash of their values when an operation depends on arrival order, so FIRST, LAST and friends never depend on the
    // order Spark happened to read them in. The sweep numbers identical left rows wherever they come in an instant.
    Column[] shuffleKeys = new Column[keyCount];
    for (int i = 0; i < keyCount; i++) {
      shuffleKeys[i] = col(KEY + i);
    }
    List<Column> order = new ArrayList<>();
    order.add(col(SORT_KEY));
    if (windowTime == WindowTime.ROW || ordersByValue(aggregations)) {
      order.addAll(Arrays.asList(shuffleKeys));
      order.add(col(TIME));
    }
    if (windowTime == WindowTime.ROW) {
      order.add(col(SourceScan.ROW_TIME));
    }
    if (ordersByValue(aggregations)) {
      List<Column> inputs = new ArrayList<>();
      for (int i = 0; i < inputTypes.size(); i++) {
        inputs.add(col(INPUT + i));
      }
      order.add(tieBreak(inputs, List.copyOf(inputTypes.values())));
    }
    Dataset<Row> sorted = left.select(leftSide.toArray(Column[]::new))
        .union(events.select(eventSide.toArray(Column[]::new)))
        .repartition(tasks, shuffleKeys)
        .sortWithinPartitions(order.toArray(Column[]::new));

    int dayIndex = numberRows ? left.schema().fieldIndex(Names.PARTITION_COLUMN) : -1;
    StructType union = sorted.schema();
    List<DataType> keyTypes = new ArrayList<>();
    for (int i = 0; i < keyCount; i++) {
      keyTypes.add(union.apply(KEY + i).dataType());
    }
    List<DataType> sweptInputTypes = new ArrayList<>();
    for (int i = 0; i < inputTypes.size(); i++) {
      sweptInputTypes.add(union.apply(INPUT + i).dataType());
    }
    SweepLayout layout = new SweepLayout(keyTypes, left.schema().fields().length, sweptInputTypes, dayIndex,
        states.size(), windowTime);
    Map<String, InputType> sweepInputs = new LinkedHashMap<>();
    inputTypes.forEach((column, type) -> sweepInputs.put(column, SparkTypes.inputType(type).orElseThrow()));
    List<DataType> featureTypes = outputFields.stream().map(StructField::dataType).toList();
    return SweepRDD.of(sorted, new SweepFunction(layout, aggregations, sweepInputs, featureTypes, deletes),
        outputSchema(left.schema(), numberRows));
  }

  /**
   * The sort key of {@link SweepLayout}: the keys' hash bucket, then the time clamped to what the key holds (NULL as
   * 0), then the kind. Rows of one key are in time order, left rows before events of the same instant, additions
   * before retractions.
   */
  private static Column sortKey(List<Column> keys, Column time, Column kind) {
    Column clamped = least(greatest(coalesce(time, lit(0L)), lit(0L)), lit(SweepLayout.MAX_SORTED_TIME));
    return shiftleft(bucket(keys), SweepLayout.TIME_AND_KIND_BITS).bitwiseOR(shiftleft(clamped, 2))
        .bitwiseOR(kind.cast("long"));
  }

  /** The bucket of the keys' hash that a sort key begins with ({@link SweepLayout#BUCKET_BITS} bits). */
  static Column bucket(List<Column> keys) {
    return shiftrightunsigned(xxhash64(keys.toArray(Column[]::new)), 64 - SweepLayout.BUCKET_BITS);
  }

  /** Whether an operation's result depends on the order of events that share a timestamp. */
  static boolean ordersByValue(List<AggregationPart> aggregations) {
    return aggregations.stream().anyMatch(aggregation -> Operators.isTimed(aggregation.operation()));
  }

  /**
   * A hash of an event's input values, {@code inputs} of {@code types}, which orders events of one instant. Spark
   * cannot hash maps (their order is not canonical), so a map is hashed as its entries sorted by key; a value with maps
   * nested deeper is left out. The hash depends on the values only, so every pass that orders events by it (the sweep,
   * the daily partial aggregates) sees them in the same order.
   */
  static Column tieBreak(List<Column> inputs, List<DataType> types) {
    List<Column> hashed = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Column column = inputs.get(i);
      DataType type = types.get(i);
      if (type instanceof MapType map && !SparkTypes.containsMap(map.keyType())
          && !SparkTypes.containsMap(map.valueType())) {
        hashed.add(array_sort(map_entries(column)));
      } else if (!SparkTypes.containsMap(type)) {
        hashed.add(column);
      }
    }
    return hashed.isEmpty() ? lit(0) : xxhash64(hashed.toArray(Column[]::new));
  }

  /** The feed rows whose keys some row of {@code left} has, by a broadcast semi-join on its distinct keys. */
  private Dataset<Row> onlyLeftKeys(Dataset<Row> events, Dataset<Row> left, List<String> keys) {
    List<String> leftKeyColumns = leftKeyColumns();
    Column[] leftKeys = new Column[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      leftKeys[i] = col(quote(leftKeyColumns.get(i))).as(KEY + i);
    }
    Dataset<Row> wanted = left.select(leftKeys).distinct();
    Column matches = null;
    for (int i = 0; i < keys.size(); i++) {
      Column match = events.col(quote(keys.get(i))).equalTo(wanted.col(KEY + i));
      matches = matches == null ? match : matches.and(match);
    }
    return events.join(broadcast(wanted), matches, "left_semi");
  }

  private StructType outputSchema(StructType left, boolean withRowKey) {
    List<StructField> fields = new ArrayList<>();
    for (StructField field : left.fields()) {
      fields.add(DataTypes.createStructField(field.name(), field.dataType(), true));
    }
    if (withRowKey) {
      fields.add(DataTypes.createStructField(Names.ROW_KEY_COLUMN, DataTypes.StringType, true));
    }
    fields.addAll(outputFields);
    return DataTypes.createStructType(fields);
  }
}
