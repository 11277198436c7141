package io.tidemark.aggregator;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.AggregationPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partial aggregates a GroupBy stores per key and day: one per distinct aggregation of its output columns, windows
 * aside (a 7-day and a 30-day SUM of the same column share one), in the order their first output column comes. A
 * partial-aggregate table has one binary column per entry of {@link #aggregations}, in this order; {@link #description}
 * names each for people.
 */
public final class PartialColumns {
  private final List<PartialColumn> columns = new ArrayList<>();
  private final int[] columnOfPart;
  private final PartValues values;

  /**
   * @param parts the GroupBy's output columns, in order
   * @param inputs the input columns in the order events carry their values, with their types
   */
  public PartialColumns(List<AggregationPart> parts, Map<String, InputType> inputs) {
    Map<AggregationPart, Integer> indexes = new LinkedHashMap<>();
    this.columnOfPart = new int[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      AggregationPart part = parts.get(i);
      AggregationPart unwindowed =
          new AggregationPart(part.inputColumn(), part.operation(), part.argMap(), null, part.bucket());
      Integer index = indexes.get(unwindowed);
      if (index == null) {
        index = columns.size();
        indexes.put(unwindowed, index);
        columns.add(new PartialColumn(unwindowed, requireNonNull(inputs.get(part.inputColumn()),
            () -> "Cannot aggregate " + part + ": no input column " + part.inputColumn() + " among "
                + inputs.keySet())));
      }
      columnOfPart[i] = index;
    }
    this.values = new PartValues(List.copyOf(indexes.keySet()), inputs);
  }

  /** The stored aggregations, without windows, in the order of the table's binary columns. */
  public List<AggregationPart> aggregations() {
    return columns.stream().map(PartialColumn::aggregation).toList();
  }

  /** How column {@code column} reads in errors and docs, e.g. {@code SUM {} of amount (floating)}. */
  public String description(int column) {
    return columns.get(column).description();
  }

  public int size() {
    return columns.size();
  }

  PartialColumn column(int column) {
    return columns.get(column);
  }

  /** The stored column output column {@code part} is computed from. */
  int columnOf(int part) {
    return columnOfPart[part];
  }

  /** What column {@code column} aggregates of an event: its input value, with its bucket if it has one. */
  Object valueOf(int column, Object[] inputValues) {
    return values.valueOf(column, inputValues);
  }

  /** Decodes one day's stored states; a null entry is a day without values for that column. */
  Object[] decode(byte[][] encoded) {
    if (encoded.length != columns.size()) {
      throw new IllegalArgumentException("Cannot read partial aggregates: got " + encoded.length
          + " columns, and the aggregations store " + columns.size());
    }
    Object[] states = new Object[columns.size()];
    for (int c = 0; c < states.length; c++) {
      PartialColumn column = columns.get(c);
      states[c] = encoded[c] == null ? column.partial().empty() : column.decode(encoded[c]);
    }
    return states;
  }
}
