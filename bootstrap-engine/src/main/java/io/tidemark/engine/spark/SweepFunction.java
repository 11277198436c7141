package io.tidemark.engine.spark;

import io.tidemark.aggregator.Container;
import io.tidemark.aggregator.Deletes;
import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.MutationReplay;
import io.tidemark.aggregator.PartialWindowEvaluator;
import io.tidemark.aggregator.PointInTimeSweep;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Runs the sweep over one Spark partition of the union of left rows and events, sorted by key, time and kind (and, when
 * the sweep assigns row keys, by the left row's hash and day). The union's columns are laid out by
 * {@link SweepLayout}; each left row comes out once, with its row key (when assigned here) and its feature columns
 * appended. When the layout has partial aggregates, each key is computed by a {@link PartialWindowEvaluator} from its
 * days' partials and the raw events at the windows' ends; when windows follow each row's own time, by a
 * {@link MutationReplay}; otherwise by a {@link PointInTimeSweep} from raw events.
 */
final class SweepFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final SweepLayout layout;
  private final List<AggregationPart> parts;
  private final LinkedHashMap<String, InputType> inputs;
  private final boolean[] containers;

  private final Deletes deletes;

  SweepFunction(SweepLayout layout, List<AggregationPart> parts, Map<String, InputType> inputs, Deletes deletes) {
    this.deletes = deletes;
    this.layout = layout;
    this.parts = List.copyOf(parts);
    this.inputs = new LinkedHashMap<>(inputs);
    this.containers = new boolean[inputs.size()];
    int i = 0;
    for (InputType type : inputs.values()) {
      containers[i++] = type.container() != Container.NONE;
    }
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Sweep(rows);
  }

  /**
   * One key's aggregation state, over raw events, over daily partial aggregates and the events at their ends, or over
   * replayed entity rows windowed by their own time ({@code rowTime}, which only that state reads).
   */
  private sealed interface KeyState permits RawEvents, FromPartials, Replayed {
    void addEvent(long time, long rowTime, Object[] inputValues);

    void retractEvent(long time, long rowTime, Object[] inputValues);

    void addDays(String firstDs, int spanDays, byte[][] states);

    Object[] query(long asOf);

    void reset();
  }

  private record RawEvents(PointInTimeSweep sweep) implements KeyState {
    @Override
    public void addEvent(long time, long rowTime, Object[] inputValues) {
      sweep.addEvent(time, inputValues);
    }

    @Override
    public void retractEvent(long time, long rowTime, Object[] inputValues) {
      sweep.retractEvent(time, inputValues);
    }

    @Override
    public void addDays(String firstDs, int spanDays, byte[][] states) {
      throw new IllegalStateException("Cannot add partial aggregates to a sweep over raw events");
    }

    @Override
    public Object[] query(long asOf) {
      return sweep.query(asOf);
    }

    @Override
    public void reset() {
      sweep.reset();
    }
  }

  private record FromPartials(PartialWindowEvaluator evaluator) implements KeyState {
    @Override
    public void addEvent(long time, long rowTime, Object[] inputValues) {
      evaluator.addEvent(time, inputValues);
    }

    @Override
    public void retractEvent(long time, long rowTime, Object[] inputValues) {
      throw new IllegalStateException("Cannot take back an event from partial aggregates");
    }

    @Override
    public void addDays(String firstDs, int spanDays, byte[][] states) {
      evaluator.addDays(firstDs, spanDays, states);
    }

    @Override
    public Object[] query(long asOf) {
      return evaluator.query(asOf);
    }

    @Override
    public void reset() {
      evaluator.reset();
    }
  }

  private record Replayed(MutationReplay replay) implements KeyState {
    @Override
    public void addEvent(long time, long rowTime, Object[] inputValues) {
      replay.add(time, rowTime, inputValues);
    }

    @Override
    public void retractEvent(long time, long rowTime, Object[] inputValues) {
      replay.retract(time, rowTime, inputValues);
    }

    @Override
    public void addDays(String firstDs, int spanDays, byte[][] states) {
      throw new IllegalStateException("Cannot add partial aggregates to replayed entity rows");
    }

    @Override
    public Object[] query(long asOf) {
      return replay.query(asOf);
    }

    @Override
    public void reset() {
      replay.reset();
    }
  }

  /**
   * Pulls rows lazily, so a partition is never held in memory; emits one row per left row. Rows come bucket by bucket
   * ({@link SweepLayout}); within a bucket, each key has its own state (most buckets hold one key).
   */
  private final class Sweep implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final List<KeyState> spare = new ArrayList<>();
    private final Map<KeyValues, KeyState> bucketKeys = new HashMap<>();
    private long currentBucket = -1;
    private KeyValues currentKey;
    private KeyState sweep;
    private Row next;
    private String previousHash;
    private String previousDay;
    private long occurrence;

    Sweep(Iterator<Row> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      while (next == null && rows.hasNext()) {
        next = process(rows.next());
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }

    private Row process(Row row) {
      select(layout.bucket(row), new KeyValues(layout.key(row)));
      int kind = layout.kind(row);
      if (kind == SweepLayout.PARTIAL_DAY) {
        sweep.addDays(PartitionDates.dayOf(layout.time(row)), layout.spanDays(row), layout.states(row));
        return null;
      }
      if (kind != SweepLayout.LEFT_ROW) {
        Object[] inputValues = layout.inputs(row);
        for (int i = 0; i < inputValues.length; i++) {
          if (containers[i]) {
            inputValues[i] = SparkTypes.toJava(inputValues[i]);
          }
        }
        long rowTime = layout.windowTime() == WindowTime.ROW ? layout.rowTime(row, MutationReplay.NO_TIME)
            : MutationReplay.NO_TIME;
        if (kind == SweepLayout.EVENT) {
          sweep.addEvent(layout.time(row), rowTime, inputValues);
        } else {
          sweep.retractEvent(layout.time(row), rowTime, inputValues);
        }
        return null;
      }
      Object[] features = layout.isTimeNull(row) ? new Object[parts.size()] : sweep.query(layout.time(row));
      int extra = features.length + (layout.numbersRows() ? 1 : 0);
      Object[] values = layout.leftValues(row, extra);
      int next = values.length - extra;
      if (layout.numbersRows()) {
        values[next++] = rowKey(layout.hash(row), layout.leftDay(row));
      }
      for (Object feature : features) {
        values[next++] = SparkTypes.toSpark(feature);
      }
      return RowFactory.create(values);
    }

    /** Makes {@link #sweep} the state of {@code key}, which is new unless the key was seen in this bucket. */
    private void select(long bucket, KeyValues key) {
      if (bucket != currentBucket) {
        bucketKeys.values().forEach(state -> {
          state.reset();
          spare.add(state);
        });
        bucketKeys.clear();
        currentBucket = bucket;
      } else if (key.equals(currentKey)) {
        return;
      }
      currentKey = key;
      sweep = bucketKeys.computeIfAbsent(key, ignored -> spare.isEmpty() ? newState() : spare.remove(spare.size() - 1));
    }

    private KeyState newState() {
      if (layout.stateCount() > 0) {
        return new FromPartials(new PartialWindowEvaluator(parts, inputs));
      }
      return layout.windowTime() == WindowTime.ROW ? new Replayed(new MutationReplay(parts, inputs))
          : new RawEvents(new PointInTimeSweep(parts, inputs, deletes));
    }

    /**
     * The row key of a left row: its hash and its occurrence among identical rows of its day. Identical rows share
     * their key columns and time, and are sorted by hash and day after them, so they come one after the other.
     */
    private String rowKey(String hash, String day) {
      if (hash.equals(previousHash) && day.equals(previousDay)) {
        occurrence++;
      } else {
        occurrence = 1;
        previousHash = hash;
        previousDay = day;
      }
      return RowKeys.key(hash, occurrence);
    }
  }
}
