package io.tidemark.engine.compute;

import io.tidemark.aggregator.Container;
import io.tidemark.aggregator.Deletes;
import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.MutationReplay;
import io.tidemark.aggregator.PartialPiece;
import io.tidemark.aggregator.PartialWindowEvaluator;
import io.tidemark.aggregator.PointInTimeSweep;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.time.PartitionDates;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.sql.catalyst.CatalystTypeConverters$;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.InternalRow$;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Function1;

/**
 * Runs the sweep over one Spark partition of the union of left rows and events, sorted by the keys' bucket, time and
 * kind ({@link SweepLayout}'s sort key), then by whatever orders one instant's rows where that matters. The union's
 * columns are laid out by {@link SweepLayout}; each left row comes out once, with its row key (when assigned here)
 * and its feature columns appended. When the layout has partial aggregates, each key is computed by a
 * {@link PartialWindowEvaluator} from its days' partials and the raw events at the windows' ends; when windows follow
 * each row's own time, by a {@link MutationReplay}; otherwise by a {@link PointInTimeSweep} from raw events.
 *
 * <p>It reads and writes Spark's internal rows: a left row comes out as its left columns untouched followed by the
 * computed ones, and only the inputs and features are converted, one value at a time, between Spark's values and the
 * aggregator's. (A Spark row function converts whole rows both ways; for wide left rows that generated code grew past
 * what the JVM compiles, and the sweep ran interpreted.)
 */
final class SweepFunction implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SweepLayout layout;
  private final List<AggregationPart> parts;
  private final LinkedHashMap<String, InputType> inputs;
  private final boolean[] containers;
  private final List<DataType> featureTypes;
  private final Deletes deletes;

  /** @param featureTypes the Spark types of the features, one per aggregation part */
  SweepFunction(SweepLayout layout, List<AggregationPart> parts, Map<String, InputType> inputs,
      List<DataType> featureTypes, Deletes deletes) {
    this.deletes = deletes;
    this.layout = layout;
    this.parts = List.copyOf(parts);
    this.featureTypes = List.copyOf(featureTypes);
    this.inputs = new LinkedHashMap<>(inputs);
    this.containers = new boolean[inputs.size()];
    int i = 0;
    for (InputType type : inputs.values()) {
      containers[i++] = type.container() != Container.NONE;
    }
  }

  /** The output rows of one sorted partition: each left row with its row key (when assigned here) and features. */
  Iterator<InternalRow> call(Iterator<InternalRow> rows) {
    return new Sweep(rows);
  }

  /**
   * One key's aggregation state, over raw events, over daily partial aggregates and the events at their ends, or over
   * replayed entity rows windowed by their own time ({@code rowTime}, which only that state reads).
   */
  private sealed interface KeyState permits RawEvents, FromPartials, Replayed {
    void addEvent(long time, long rowTime, Object[] inputValues);

    void retractEvent(long time, long rowTime, Object[] inputValues);

    void addDays(PartialPiece piece, byte[][] states);

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
    public void addDays(PartialPiece piece, byte[][] states) {
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
    public void addDays(PartialPiece piece, byte[][] states) {
      evaluator.addDays(piece, states);
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
    public void addDays(PartialPiece piece, byte[][] states) {
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
   *
   * <p>Spark reuses the row it hands over for the next one, so whatever outlives a row (its key, its hash and day, the
   * left columns it emits) is copied.
   */
  private final class Sweep implements Iterator<InternalRow> {
    private final Iterator<InternalRow> rows;
    private final List<KeyState> spare = new ArrayList<>();
    private final Map<KeyValues, KeyState> bucketKeys = new HashMap<>();
    private final Function1<Object, Object>[] toJava;
    private final Function1<Object, Object>[] toSpark;
    private final Occurrences occurrences = new Occurrences();
    private long currentBucket = -1;
    private Object[] currentKey;
    private KeyState sweep;
    private InternalRow next;

    @SuppressWarnings("unchecked")
    Sweep(Iterator<InternalRow> rows) {
      this.rows = rows;
      this.toJava = new Function1[layout.inputCount()];
      for (int i = 0; i < toJava.length; i++) {
        toJava[i] = CatalystTypeConverters$.MODULE$.createToScalaConverter(layout.inputTypes().get(i));
      }
      this.toSpark = new Function1[featureTypes.size()];
      for (int i = 0; i < toSpark.length; i++) {
        toSpark[i] = CatalystTypeConverters$.MODULE$.createToCatalystConverter(featureTypes.get(i));
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null && rows.hasNext()) {
        next = process(rows.next());
      }
      return next != null;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      InternalRow row = next;
      next = null;
      return row;
    }

    private InternalRow process(InternalRow row) {
      select(layout.bucket(row), row);
      int kind = layout.kind(row);
      if (kind == SweepLayout.PARTIAL_DAY) {
        long firstDay = Math.floorDiv(layout.time(row), PartitionDates.DAY_MILLIS);
        sweep.addDays(new PartialPiece(firstDay, layout.spanDays(row)), layout.states(row));
        return null;
      }
      if (kind != SweepLayout.LEFT_ROW) {
        Object[] inputValues = new Object[toJava.length];
        for (int i = 0; i < inputValues.length; i++) {
          Object value = toJava[i].apply(layout.input(row, i));
          inputValues[i] = containers[i] ? SparkTypes.toJava(value) : value;
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
      Object[] computed = new Object[features.length + (layout.numbersRows() ? 1 : 0)];
      int next = 0;
      if (layout.numbersRows()) {
        computed[next++] = UTF8String.fromString(occurrences.rowKey(row));
      }
      for (int i = 0; i < features.length; i++) {
        computed[next++] = toSpark[i].apply(features[i]);
      }
      return new JoinedRow(layout.left(row).copy(), new GenericInternalRow(computed));
    }

    /**
     * Makes {@link #sweep} the state of the key of {@code row} in {@code bucket}, which is new unless the key was seen
     * in this bucket. A row of the key before it is told apart without copying anything.
     */
    private void select(long bucket, InternalRow row) {
      if (bucket != currentBucket) {
        bucketKeys.values().forEach(state -> {
          state.reset();
          spare.add(state);
        });
        bucketKeys.clear();
        currentBucket = bucket;
      } else if (isCurrentKey(row)) {
        return;
      }
      currentKey = new Object[layout.keyCount()];
      for (int i = 0; i < currentKey.length; i++) {
        currentKey[i] = InternalRow$.MODULE$.copyValue(layout.key(row, i));
      }
      sweep = bucketKeys.computeIfAbsent(new KeyValues(currentKey),
          ignored -> spare.isEmpty() ? newState() : spare.remove(spare.size() - 1));
    }

    private boolean isCurrentKey(InternalRow row) {
      for (int i = 0; i < currentKey.length; i++) {
        if (!Objects.equals(currentKey[i], layout.key(row, i))) {
          return false;
        }
      }
      return true;
    }

    private KeyState newState() {
      if (layout.stateCount() > 0) {
        return new FromPartials(new PartialWindowEvaluator(parts, inputs));
      }
      return layout.windowTime() == WindowTime.ROW ? new Replayed(new MutationReplay(parts, inputs))
          : new RawEvents(new PointInTimeSweep(parts, inputs, deletes));
    }
  }

  /**
   * Numbers identical left rows: a row key is the row's hash and its occurrence among the rows of its day with that
   * hash. Identical rows share their keys and time, so they come within one instant (one sort key and time), though
   * not always one after the other: rows of other keys of the bucket, and other rows of the key, may come between.
   * The count is kept per instant.
   */
  private final class Occurrences {
    /** Counts of more rows than this are dropped, not cleared: clearing a map costs as much as it ever grew to. */
    private static final int REUSED_SIZE = 64;

    private Map<RowIdentity, Long> counts = new HashMap<>();
    private long sortKey = -1;
    private long time;
    private boolean timeNull;

    String rowKey(InternalRow row) {
      long rowSortKey = row.getLong(layout.sortKeyPosition());
      boolean rowTimeNull = layout.isTimeNull(row);
      long rowTime = rowTimeNull ? 0 : layout.time(row);
      if (rowSortKey != sortKey || rowTimeNull != timeNull || rowTime != time) {
        if (counts.size() > REUSED_SIZE) {
          counts = new HashMap<>();
        } else {
          counts.clear();
        }
        sortKey = rowSortKey;
        timeNull = rowTimeNull;
        time = rowTime;
      }
      UTF8String hash = layout.hash(row).copy();
      long occurrence = counts.merge(new RowIdentity(hash, layout.leftDay(row).copy()), 1L, Long::sum);
      return RowKeys.key(hash.toString(), occurrence);
    }
  }

  /** A left row's hash and day. */
  private record RowIdentity(UTF8String hash, UTF8String day) {}
}
