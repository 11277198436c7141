package io.tidemark.engine.compute;

import static io.tidemark.api.Preconditions.checkArgument;
import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.tidemark.aggregator.PartialPiece;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * For a GroupBy's daily backfill, the (key, day) pairs that can have a value as of the end of the day. Over events:
 * the days from an event's own day until it leaves the longest window (for unwindowed aggregations, every day from
 * the key's first event on). Over entities: the keys in each day's snapshot.
 */
final class KeyDays implements LeftRows {
  private static final String DAY = "__key_day";
  private static final String LAST = "__last_day";

  private final List<SourceScan> sources;
  private final List<String> keys;
  private final boolean events;
  private final long longestWindowMillis;
  private final StructType schema;
  private final Optional<PartialTable> partials;

  /**
   * @param longestWindowMillis the longest window, or -1 when an aggregation is unwindowed (events only)
   * @param partials the GroupBy's daily partial aggregates, to find the keys of each day from them rather than from
   *     raw events; only for events, and only when the longest window is whole days or none (so that a day of partials
   *     counts for exactly the days its events count for)
   */
  KeyDays(List<SourceScan> sources, List<String> keys, boolean events, long longestWindowMillis,
      Optional<PartialTable> partials) {
    checkArgument(partials.isEmpty() || (events && longestWindowMillis % PartitionDates.DAY_MILLIS == 0
        || longestWindowMillis < 0), "Cannot find a GroupBy's keys from partials with a window of %s ms",
        longestWindowMillis);
    this.partials = partials;
    this.sources = List.copyOf(sources);
    this.keys = List.copyOf(keys);
    this.events = events;
    this.longestWindowMillis = longestWindowMillis;
    List<StructField> fields = new ArrayList<>();
    for (String key : keys) {
      fields.add(DataTypes.createStructField(key, sources.get(0).schema().apply(key).dataType(), true));
    }
    fields.add(DataTypes.createStructField(Names.PARTITION_COLUMN, DataTypes.StringType, true));
    this.schema = DataTypes.createStructType(fields);
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public String describe() {
    return "keys of " + sources.stream().map(source -> source.table().toString()).collect(Collectors.joining(", "));
  }

  /** A day's keys are the distinct keys of its window's events or partials: a shuffle of them, worth keeping. */
  @Override
  public boolean worthKeeping() {
    return true;
  }

  @Override
  public void prepare(List<Day> days, String runId) {
    partials.filter(table -> table.readsPartials(need(table, days), PartialTable.Moment.BEFORE_BUILDING))
        .ifPresent(table -> table.fill(partialDays(table, days), runId));
  }

  /** What {@link #prepare} builds over the steps of {@code days}, and with {@code auto} which read partials. */
  @Override
  public Optional<String> describePreparation(List<List<Day>> days) {
    return partials.flatMap(table -> table.describePreparation(
        () -> days.stream().map(step -> need(table, step)).toList()));
  }

  /** What finding the keys of {@code days} reads: the partials of their windows' days, or the raw events. */
  private PartialTable.Need need(PartialTable table, List<Day> days) {
    String last = days.get(days.size() - 1).toString();
    return new PartialTable.Need(() -> partialDays(table, days),
        () -> table.estimatedRows(keyPieces(table, days)),
        () -> sources.stream().mapToLong(source -> source.estimatedRows(rawFrom(days.get(0)), last)).sum());
  }

  /**
   * The pieces of partials that hold the keys of {@code days}: the longest stored blocks that lie within every asked
   * day's window (for an unwindowed aggregation, before the first asked day), and the other days of the windows one by
   * one. A key in such a block counts for every asked day; a key on a day counts for the days its events do.
   */
  private List<PartialPiece> keyPieces(PartialTable table, List<Day> days) {
    SortedSet<Day> needed = partialDays(table, days);
    if (needed.isEmpty()) {
      return List.of();
    }
    long first = days.get(0).epochDay();
    long last = days.get(days.size() - 1).epochDay();
    long from = longestWindowMillis < 0 ? needed.first().epochDay()
        : last - longestWindowMillis / PartitionDates.DAY_MILLIS + 1;
    Set<Day> filled = table.filledDays();
    List<PartialPiece> pieces = new ArrayList<>();
    Set<Day> inBlocks = new HashSet<>();
    for (int span : PartialPiece.BLOCK_SPANS) {
      for (long start = Math.floorDiv(from + span - 1, span) * span; start + span - 1 <= first; start += span) {
        PartialPiece block = new PartialPiece(start, span);
        if (!inBlocks.contains(block.first()) && filled.containsAll(block.days())) {
          pieces.add(block);
          inBlocks.addAll(block.days());
        }
      }
    }
    needed.stream().filter(day -> !inBlocks.contains(day)).forEach(day -> pieces.add(PartialPiece.of(day, 1)));
    return pieces;
  }

  /** The days of partials that hold the keys of {@code days}: those within the longest window before each. */
  private SortedSet<Day> partialDays(PartialTable table, List<Day> days) {
    Day last = days.get(days.size() - 1);
    Optional<Day> from = longestWindowMillis < 0 ? Optional.empty()
        : Optional.of(Day.ofEpochMillis(days.get(0).startMillis() + PartitionDates.DAY_MILLIS - longestWindowMillis));
    SortedSet<Day> wanted = table.sourceDays();
    wanted.removeIf(day -> day.isAfter(last) || from.filter(day::isBefore).isPresent());
    return wanted;
  }

  @Override
  public Dataset<Row> read(List<Day> asked) {
    List<String> days = Day.texts(asked);
    String first = days.get(0);
    String last = days.get(days.size() - 1);
    Column[] keyColumns = keys.stream().map(key -> col(quote(key))).toArray(Column[]::new);
    if (!events) {
      Dataset<Row> pairs = SourceScan.readAll(sources, first, last)
          .select(withDay(keyColumns, to_date(col(Names.PARTITION_COLUMN))));
      return named(pairs, days);
    }
    // Each row below is a span of days [DAY, LAST] in which a key has a value; spans are cut to the days asked for
    // before they are spread into one row per day, so a long window costs a row per day asked, not per day spanned.
    Dataset<Row> spans;
    Optional<PartialTable> read = partials.filter(table -> table.readsPartials(need(table, asked),
        PartialTable.Moment.READING));
    if (read.isPresent()) {
      // A key with partials on day P counts for the days from P until P's events leave the longest window; a key in
      // a block that lies within every asked day's window counts for all of them.
      Column block = col(PartialTable.SPAN_DAYS).gt(1);
      Column partialDay = to_date(col(Names.PARTITION_COLUMN));
      Column spanStart = when(block, to_date(lit(first))).otherwise(partialDay);
      Dataset<Row> present = read.get().read(keyPieces(read.get(), asked));
      if (longestWindowMillis < 0) {
        spans = present.select(withDay(keyColumns, spanStart)).groupBy(keyColumns).agg(min(col(DAY)).as(DAY))
            .withColumn(LAST, to_date(lit(last)));
      } else {
        int windowDays = (int) (longestWindowMillis / PartitionDates.DAY_MILLIS);
        Column[] selected = Arrays.copyOf(withDay(keyColumns, spanStart), keyColumns.length + 2);
        selected[keyColumns.length + 1] = when(block, to_date(lit(last)))
            .otherwise(date_add(partialDay, windowDays - 1)).as(LAST);
        spans = present.select(selected);
      }
    } else if (longestWindowMillis < 0) {
      spans = SourceScan.readAll(sources, null, last)
          .groupBy(keyColumns)
          .agg(min(to_date(timestamp_millis(col(Names.TIME_COLUMN)))).as(DAY))
          .withColumn(LAST, to_date(lit(last)));
    } else {
      String from = rawFrom(asked.get(0));
      Column time = col(Names.TIME_COLUMN);
      // An event at t counts for day D while D's end is within the window: D from date(t) to date(t + W) - 1.
      spans = SourceScan.readAll(sources, from, last)
          .withColumn(DAY, to_date(timestamp_millis(time)))
          .withColumn(LAST, date_sub(to_date(timestamp_millis(time.plus(longestWindowMillis))), 1));
    }
    Column start = greatest(col(DAY), to_date(lit(first)));
    Column end = least(col(LAST), to_date(lit(last)));
    return named(spans.filter(start.leq(end)).select(withDay(keyColumns, explode(sequence(start, end)))), days);
  }

  /** The first day of raw events whose keys count for {@code first}; null for all history, when unwindowed. */
  private String rawFrom(Day first) {
    return longestWindowMillis < 0 ? null : PartitionDates.dayOf(first.startMillis() - longestWindowMillis);
  }

  /** The (key, day) pairs of {@code pairs} (keys, then {@link #DAY} as a date) among {@code days}, each once. */
  private Dataset<Row> named(Dataset<Row> pairs, List<String> days) {
    Dataset<Row> named = pairs.withColumn(Names.PARTITION_COLUMN, date_format(col(DAY), "yyyy-MM-dd")).drop(DAY);
    for (String key : keys) {
      named = named.filter(col(quote(key)).isNotNull());
    }
    return named.filter(col(Names.PARTITION_COLUMN).isin(days.toArray())).distinct();
  }

  private static Column[] withDay(Column[] keyColumns, Column day) {
    Column[] columns = new Column[keyColumns.length + 1];
    System.arraycopy(keyColumns, 0, columns, 0, keyColumns.length);
    columns[keyColumns.length] = day.as(DAY);
    return columns;
  }
}
