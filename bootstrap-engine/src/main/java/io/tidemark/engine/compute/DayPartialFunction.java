package io.tidemark.engine.compute;

import io.tidemark.aggregator.Container;
import io.tidemark.aggregator.DayPartialBuilder;
import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.PartialColumns;
import io.tidemark.aggregator.PartialPiece;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.time.PartitionDates;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Builds one row of partial aggregates per key and day from one Spark partition of events sorted by one long: bucket by
 * bucket of the keys' hash ({@link SweepLayout#BUCKET_BITS}, as the sweep's buckets), and in time order within a
 * bucket, where most buckets hold one key. Spark sorts such a key without comparing rows; sorting by the keys and then
 * the day compared whole rows for every pair of one key's events. Input rows are: the key columns, {@code ds},
 * the time, the sort key, then the input columns; output rows are the key columns, one encoded state per stored
 * aggregation, the span (1 day), then {@code ds}. A key's day rows come out together, oldest first, once its bucket
 * ends. Events off their partition's day are counted per partition, not aggregated. Blocks asked for, whose days are
 * all among the days built, come out too, folded from the day rows as they come ({@link BlockFold}).
 */
final class DayPartialFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** How many events of partition {@code ds} that a task saw lay on another day. */
  record EventsOffDay(String ds, long events) implements Serializable {}

  private final int keyCount;
  private final List<AggregationPart> parts;
  private final LinkedHashMap<String, InputType> inputs;
  private final CollectionAccumulator<String> withRows;
  private final CollectionAccumulator<EventsOffDay> outsideDay;
  private final HashSet<PartialPiece> blocks;

  /**
   * @param blocks the blocks to give beside the days, each made only of days built here; none for days alone
   */
  DayPartialFunction(int keyCount, List<AggregationPart> parts, Map<String, InputType> inputs,
      CollectionAccumulator<String> withRows, CollectionAccumulator<EventsOffDay> outsideDay,
      Set<PartialPiece> blocks) {
    this.keyCount = keyCount;
    this.parts = List.copyOf(parts);
    this.inputs = new LinkedHashMap<>(inputs);
    this.withRows = withRows;
    this.outsideDay = outsideDay;
    this.blocks = new HashSet<>(blocks);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Iterator<Row> days = new Days(rows);
    return blocks.isEmpty() ? days
        : new BlockFold(days, keyCount, new PartialColumns(parts, inputs), blocks, BlockFold.DayRows.PASSED_ON);
  }

  /** The day rows of one partition, bucket by bucket; rows are pulled lazily, and a bucket's keys are all held. */
  private final class Days extends PulledRows {
    private final PartialColumns columns;
    private final boolean[] containers;
    private final Map<KeyValues, KeyDays> bucketKeys = new LinkedHashMap<>();
    private final Deque<DayPartialBuilder> spareBuilders = new ArrayDeque<>();
    private final Map<String, Long> partitionDays = new HashMap<>();
    private final Set<String> days = new HashSet<>();
    private final Map<String, Long> outside = new HashMap<>();
    private long bucket = -1;

    Days(Iterator<Row> rows) {
      super(rows);
      this.columns = new PartialColumns(parts, inputs);
      this.containers = new boolean[inputs.size()];
      int i = 0;
      for (InputType type : inputs.values()) {
        containers[i++] = type.container() != Container.NONE;
      }
    }

    /**
     * Gives the last bucket's day rows; the partition's days with rows and its events off their day go to the
     * accumulators.
     */
    @Override
    void end() {
      endBucket();
      days.forEach(withRows::add);
      outside.forEach((partition, events) -> outsideDay.add(new EventsOffDay(partition, events)));
    }

    @Override
    void add(Row row) {
      long rowBucket = row.getLong(keyCount + 2) >>> SweepLayout.TIME_AND_KIND_BITS;
      if (rowBucket != bucket) {
        endBucket();
        bucket = rowBucket;
      }
      String partition = row.getString(keyCount);
      long time = row.getLong(keyCount + 1);
      long day = Math.floorDiv(time, PartitionDates.DAY_MILLIS);
      if (day != partitionDays.computeIfAbsent(partition, ds -> PartitionDates.parse(ds).toEpochDay())) {
        outside.merge(partition, 1L, Long::sum);
        return;
      }
      KeyDays key = bucketKeys.computeIfAbsent(KeyValues.leading(row, keyCount), this::start);
      if (day != key.day) {
        key.finishDay();
        key.day = day;
        key.partition = partition;
      }
      Object[] values = new Object[containers.length];
      for (int i = 0; i < values.length; i++) {
        Object value = row.get(keyCount + 3 + i);
        values[i] = containers[i] ? SparkTypes.toJava(value) : value;
      }
      key.builder.addEvent(time, values);
      key.hasEvents = true;
    }

    private KeyDays start(KeyValues key) {
      DayPartialBuilder builder = spareBuilders.poll();
      return new KeyDays(key, builder != null ? builder : new DayPartialBuilder(columns));
    }

    /** Gives the day rows of every key of the bucket, key by key, and keeps their builders for the next bucket. */
    private void endBucket() {
      for (KeyDays key : bucketKeys.values()) {
        key.finishDay();
        key.finished.forEach(this::give);
        spareBuilders.push(key.builder);
      }
      bucketKeys.clear();
    }

    /** One key's days in the current bucket: the rows of the days it finished, and the day it is on. */
    private final class KeyDays {
      private final KeyValues key;
      private final DayPartialBuilder builder;
      private final List<Row> finished = new ArrayList<>();
      private long day = Long.MIN_VALUE;
      private String partition;
      private boolean hasEvents;

      KeyDays(KeyValues key, DayPartialBuilder builder) {
        this.key = key;
        this.builder = builder;
      }

      /** Adds the day it is on to the finished rows, when one of its events fell on it, and starts over. */
      void finishDay() {
        if (!hasEvents) {
          return;
        }
        byte[][] states = builder.build();
        Object[] values = new Object[keyCount + states.length + 2];
        System.arraycopy(key.values(), 0, values, 0, keyCount);
        System.arraycopy(states, 0, values, keyCount, states.length);
        values[values.length - 2] = 1;
        values[values.length - 1] = partition;
        days.add(partition);
        finished.add(RowFactory.create(values));
        builder.reset();
        hasEvents = false;
      }
    }
  }
}
