package io.tidemark.engine.spark;

import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.PartialColumns;
import io.tidemark.api.definition.AggregationPart;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Merges days' partial aggregates into those of the aligned blocks they belong to, from one Spark partition of day rows
 * sorted by key, block and day. Input rows are: the key columns, the block's span in days, the block's {@code ds} (its
 * last day), then the day's encoded states; output rows are the key columns, the block's merged states, its span and
 * its {@code ds}: the layout of {@link PartialTable}'s rows.
 */
final class BlockPartialFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final int keyCount;
  private final List<AggregationPart> parts;
  private final LinkedHashMap<String, InputType> inputs;

  BlockPartialFunction(int keyCount, List<AggregationPart> parts, Map<String, InputType> inputs) {
    this.keyCount = keyCount;
    this.parts = List.copyOf(parts);
    this.inputs = new LinkedHashMap<>(inputs);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Blocks(rows);
  }

  /** A key's block from its days' rows. */
  private final class Blocks extends GroupedRows {
    private final PartialColumns columns;
    private final List<byte[][]> days = new ArrayList<>();
    private KeyValues key;
    private int span;
    private String block;

    Blocks(Iterator<Row> rows) {
      super(rows);
      this.columns = new PartialColumns(parts, inputs);
    }

    @Override
    Row end() {
      return key == null ? null : finish();
    }

    /** Adds one day's states; returns the previous key's block when this day starts another. */
    @Override
    Row add(Row row) {
      KeyValues rowKey = KeyValues.leading(row, keyCount);
      int rowSpan = row.getInt(keyCount);
      String rowBlock = row.getString(keyCount + 1);
      Row finished = null;
      if (key == null || !rowKey.equals(key) || rowSpan != span || !Objects.equals(rowBlock, block)) {
        finished = key == null ? null : finish();
        key = rowKey;
        span = rowSpan;
        block = rowBlock;
      }
      byte[][] states = new byte[columns.size()][];
      for (int c = 0; c < states.length; c++) {
        int position = keyCount + 2 + c;
        states[c] = row.isNullAt(position) ? null : (byte[]) row.get(position);
      }
      days.add(states);
      return finished;
    }

    private Row finish() {
      byte[][] states = columns.merge(days);
      days.clear();
      Object[] values = new Object[keyCount + states.length + 2];
      System.arraycopy(key.values(), 0, values, 0, keyCount);
      System.arraycopy(states, 0, values, keyCount, states.length);
      values[values.length - 2] = span;
      values[values.length - 1] = block;
      return RowFactory.create(values);
    }
  }
}
