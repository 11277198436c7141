package io.tidemark.engine.spark;

import io.tidemark.aggregator.Container;
import io.tidemark.aggregator.Deletes;
import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.PointInTimeSweep;
import io.tidemark.api.definition.AggregationPart;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Runs the sweep over one Spark partition of the union of left rows and events, sorted by key, time and kind. The
 * union's columns are laid out by {@link SweepLayout}; each left row comes out once, with its feature columns appended.
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
    return new Sweep(rows, new PointInTimeSweep(parts, inputs, deletes));
  }

  /** Pulls rows lazily, so a partition is never held in memory; emits one row per left row. */
  private final class Sweep implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final PointInTimeSweep sweep;
    private Object[] currentKey;
    private Row next;

    Sweep(Iterator<Row> rows, PointInTimeSweep sweep) {
      this.rows = rows;
      this.sweep = sweep;
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
      Object[] key = layout.key(row);
      if (currentKey == null || !Arrays.deepEquals(key, currentKey)) {
        sweep.reset();
        currentKey = key;
      }
      int kind = layout.kind(row);
      if (kind != SweepLayout.LEFT_ROW) {
        Object[] inputValues = layout.inputs(row);
        for (int i = 0; i < inputValues.length; i++) {
          if (containers[i]) {
            inputValues[i] = SparkTypes.toJava(inputValues[i]);
          }
        }
        if (kind == SweepLayout.EVENT) {
          sweep.addEvent(layout.time(row), inputValues);
        } else {
          sweep.retractEvent(layout.time(row), inputValues);
        }
        return null;
      }
      Object[] features = layout.isTimeNull(row) ? new Object[parts.size()] : sweep.query(layout.time(row));
      Object[] values = layout.leftValues(row, features.length);
      int leftWidth = values.length - features.length;
      for (int i = 0; i < features.length; i++) {
        values[leftWidth + i] = SparkTypes.toSpark(features[i]);
      }
      return RowFactory.create(values);
    }
  }
}
