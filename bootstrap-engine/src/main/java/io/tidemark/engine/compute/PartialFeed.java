package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_date;

import io.tidemark.aggregator.PartialNeeds;
import io.tidemark.aggregator.PartialPiece;
import io.tidemark.aggregator.TimeRange;
import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Events from daily partial aggregates and the raw events at the windows' ends ({@link PartialNeeds}): for each key, a
 * row per piece of partials, a day or an aligned block of days the table holds (at its first day's midnight, kind
 * {@link SweepLayout#PARTIAL_DAY}, states in {@link PartialTable#stateColumns}, its days in {@link EventFeed#SPAN}),
 * and the raw events of the days the windows cut. Before a step reads them, {@link #prepare} builds the partials of
 * the days it needs that the table lacks, and the blocks those days complete.
 *
 * <p>With {@code tidemark.partials: auto}, each step reads partials only where the table already holds this version of
 * the GroupBy and {@link PartialsEstimate} finds them cheaper than the raw events, and the raw feed otherwise: a step
 * builds the days it lacks only when that is part of the cheaper path, and reads partials only once nothing is left
 * to build.
 */
final class PartialFeed implements EventFeed {
  private final PartialTable table;
  private final EventFeed raw;
  private final List<SourceScan> sources;
  private final Accuracy accuracy;
  private final List<AggregationPart> parts;
  private final LinkedHashMap<String, DataType> inputTypes;
  private final List<String> keys;

  /** @param raw the same events unaggregated, which a step of {@code auto} reads where partials cost more */
  PartialFeed(PartialTable table, EventFeed raw, List<SourceScan> sources, Accuracy accuracy,
      List<AggregationPart> parts, List<String> keys, Map<String, DataType> inputTypes) {
    this.table = table;
    this.raw = raw;
    this.sources = List.copyOf(sources);
    this.accuracy = accuracy;
    this.parts = List.copyOf(parts);
    this.keys = List.copyOf(keys);
    this.inputTypes = new LinkedHashMap<>(inputTypes);
  }

  @Override
  public Optional<Column> leftDay(LeftTimeline timeline) {
    return Optional.empty();
  }

  @Override
  public List<String> stateColumns() {
    return table.stateColumns();
  }

  @Override
  public EventFeed forStep(StepInput step, LeftTimeline timeline) {
    return table.readsPartials(need(step, timeline), PartialTable.Moment.READING) ? this : raw;
  }

  @Override
  public void prepare(StepInput step, LeftTimeline timeline, String runId) {
    if (table.readsPartials(need(step, timeline), PartialTable.Moment.BEFORE_BUILDING)) {
      table.fill(partialDays(needs(step, timeline)), runId);
    }
  }

  /** What {@link #prepare} builds over the steps, and with {@code auto} which steps read partials, for the plan. */
  @Override
  public Optional<String> describePreparation(List<List<Day>> days, Function<List<Day>, StepInput> inputs,
      LeftTimeline timeline) {
    return table.describePreparation(() -> days.stream().map(inputs).filter(StepInput::hasRows)
        .map(step -> need(step, timeline)).toList());
  }

  private PartialTable.Need need(StepInput step, LeftTimeline timeline) {
    PartialNeeds needs = needs(step, timeline);
    return new PartialTable.Need(() -> partialDays(needs), () -> partialRows(needs),
        () -> raw.estimatedRows(step, timeline));
  }

  @Override
  public Dataset<Row> rows(StepInput step, LeftTimeline timeline) {
    PartialNeeds needs = needs(step, timeline);
    List<Column> partialColumns = new ArrayList<>();
    List<Column> rawColumns = new ArrayList<>();
    for (String key : keys) {
      partialColumns.add(col(quote(key)));
      rawColumns.add(col(quote(key)));
    }
    // A piece's row has ds its last day; it comes at its first day's midnight.
    partialColumns.add(unix_date(to_date(col(Names.PARTITION_COLUMN))).minus(col(PartialTable.SPAN_DAYS)).plus(1)
        .cast("long").multiply(PartitionDates.DAY_MILLIS).as(Names.TIME_COLUMN));
    rawColumns.add(col(Names.TIME_COLUMN));
    partialColumns.add(lit(SweepLayout.PARTIAL_DAY).as(KIND));
    rawColumns.add(lit(SweepLayout.EVENT).as(KIND));
    inputTypes.forEach((input, type) -> {
      partialColumns.add(lit(null).cast(type).as(input));
      rawColumns.add(col(quote(input)));
    });
    for (String state : table.stateColumns()) {
      partialColumns.add(col(state));
      rawColumns.add(lit(null).cast(DataTypes.BinaryType).as(state));
    }
    partialColumns.add(col(PartialTable.SPAN_DAYS).as(SPAN));
    rawColumns.add(lit(null).cast(DataTypes.IntegerType).as(SPAN));
    Dataset<Row> partials = table.read(pieces(needs)).select(partialColumns.toArray(Column[]::new));
    List<Day> rawDays = List.copyOf(rawDays(needs));
    if (rawDays.isEmpty()) {
      return partials;
    }
    Column time = col(Names.TIME_COLUMN);
    Column inRanges = lit(false);
    for (TimeRange range : needs.rawEvents()) {
      inRanges = inRanges.or(time.geq(range.from()).and(time.lt(range.until())));
    }
    Dataset<Row> rawEvents = SourceScan.readAll(sources, rawDays.get(0).toString(),
            rawDays.get(rawDays.size() - 1).toString())
        .filter(col(Names.PARTITION_COLUMN).isin(Day.texts(rawDays).toArray()))
        .filter(inRanges)
        .select(rawColumns.toArray(Column[]::new));
    return partials.union(rawEvents);
  }

  /**
   * The rows of the pieces read and of the raw days, each run of consecutive raw days counted on its own: the raw days
   * of a long window lie at its two ends, and the days between them are read as partials.
   */
  @Override
  public long estimatedRows(StepInput step, LeftTimeline timeline) {
    return partialRows(needs(step, timeline));
  }

  private long partialRows(PartialNeeds needs) {
    return table.estimatedRows(pieces(needs)) + table.events(rawDays(needs));
  }

  private PartialNeeds needs(StepInput step, LeftTimeline timeline) {
    return PartialNeeds.of(parts, timeline.earliestAsOf(accuracy, step), timeline.latestAsOf(accuracy, step));
  }

  /**
   * The pieces the windows merge: the blocks of {@link PartialNeeds#pieces} whose days the table all holds (so it holds
   * the block, or the block had no rows), shorter blocks and days elsewhere, and of those days the ones with source
   * data.
   */
  private List<PartialPiece> pieces(PartialNeeds needs) {
    Set<Day> filled = table.filledDays();
    Set<Day> withData = table.sourceDays();
    return needs.pieces(block -> filled.containsAll(block.days())).stream()
        .filter(piece -> piece.spanDays() > 1 || withData.contains(piece.first()))
        .toList();
  }

  /** The days with source data whose partials the windows merge. */
  private SortedSet<Day> partialDays(PartialNeeds needs) {
    SortedSet<Day> days = table.sourceDays();
    days.removeIf(day -> !needs.needsDay(day));
    return days;
  }

  /** The days with source data whose partitions hold raw events the windows' ends need. */
  private SortedSet<Day> rawDays(PartialNeeds needs) {
    SortedSet<Day> wanted = new TreeSet<>();
    needs.rawEvents().forEach(range -> wanted.addAll(range.dayRange().days()));
    wanted.retainAll(table.sourceDays());
    return wanted;
  }
}
