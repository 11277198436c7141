package io.tidemark.engine.compute;

import io.tidemark.aggregator.Container;
import io.tidemark.aggregator.DayPartialBuilder;
import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.PartialColumns;
import io.tidemark.aggregator.PartialPiece;
import io.tidemark.api.definition.AggregationPart;
import java.io.Serializable;
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
 * Builds one row of partial aggregates per key and day from one Spark partition of events sorted by key, {@code ds} and
 * time. Input rows are: the key columns, {@code ds}, the time, whether the time falls on {@code ds}'s day, then the
 * input columns; output rows are the key columns, one encoded state per stored aggregation, the span (1 day), then
 * {@code ds}. Events off their partition's day are counted per partition, not aggregated. Blocks asked for, whose days
 * are all among the days built, come out too, folded from the day rows as they come ({@link BlockFold}).
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

  /** A key's day of partial aggregates from its events. */
  private final class Days extends GroupedRows {
    private final DayPartialBuilder builder;
    private final boolean[] containers;
    private final Set<String> days = new HashSet<>();
    private KeyValues key;
    private String day;
    private boolean hasEvents;
    private final Map<String, Long> outside = new HashMap<>();

    Days(Iterator<Row> rows) {
      super(rows);
      PartialColumns columns = new PartialColumns(parts, inputs);
      this.builder = new DayPartialBuilder(columns);
      this.containers = new boolean[inputs.size()];
      int i = 0;
      for (InputType type : inputs.values()) {
        containers[i++] = type.container() != Container.NONE;
      }
    }

    /** The last key's day; the partition's days with rows and its events off their day go to the accumulators. */
    @Override
    Row end() {
      if (key == null) {
        return null;
      }
      Row last = finish();
      days.forEach(withRows::add);
      outside.forEach((partition, events) -> outsideDay.add(new EventsOffDay(partition, events)));
      return last;
    }

    /** Adds one event; returns the finished previous key's day when this event starts another. */
    @Override
    Row add(Row row) {
      KeyValues rowKey = KeyValues.leading(row, keyCount);
      String rowDay = row.getString(keyCount);
      Row finished = null;
      if (key == null || !rowKey.equals(key) || !rowDay.equals(day)) {
        finished = key == null ? null : finish();
        key = rowKey;
        day = rowDay;
        builder.reset();
        hasEvents = false;
      }
      if (!row.getBoolean(keyCount + 2)) {
        outside.merge(rowDay, 1L, Long::sum);
        return finished;
      }
      Object[] values = new Object[containers.length];
      for (int i = 0; i < values.length; i++) {
        Object value = row.get(keyCount + 3 + i);
        values[i] = containers[i] ? SparkTypes.toJava(value) : value;
      }
      builder.addEvent(row.getLong(keyCount + 1), values);
      hasEvents = true;
      return finished;
    }

    /** The current key's day as a row, or null when none of its events fell on the day. */
    private Row finish() {
      if (!hasEvents) {
        return null;
      }
      byte[][] states = builder.build();
      Object[] values = new Object[keyCount + states.length + 2];
      System.arraycopy(key.values(), 0, values, 0, keyCount);
      System.arraycopy(states, 0, values, keyCount, states.length);
      values[values.length - 2] = 1;
      values[values.length - 1] = day;
      days.add(day);
      return RowFactory.create(values);
    }
  }
}
