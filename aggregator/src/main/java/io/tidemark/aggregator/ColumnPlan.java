package io.tidemark.aggregator;

import static java.util.Objects.requireNonNull;

/**
 * How one output column aggregates its input: which values reach the operation ({@code layout}), of which kind, and
 * what comes out. A keyed column (bucketed, or over a string map) outputs a map from string keys to {@code shape}.
 *
 * @param layout whether the operation sees the column's values, the elements of its lists, or its map values
 * @param valueKind the kind of the values the operation sees
 * @param shape the operation's output for one key
 * @param keys what the output is keyed by, if anything
 */
public record ColumnPlan(Container layout, InputKind valueKind, OutputShape shape, Keys keys) {
  /** What a keyed output's map keys are. */
  public enum Keys {
    /** Not keyed: the output is {@code shape} itself. */
    NONE,
    /** The values of the aggregation's bucket column. */
    BUCKET,
    /** The keys of the input's string maps. */
    MAP_KEY
  }

  public ColumnPlan {
    requireNonNull(layout, "layout is null");
    requireNonNull(valueKind, "valueKind is null");
    requireNonNull(shape, "shape is null");
    requireNonNull(keys, "keys is null");
  }

  public boolean isKeyed() {
    return keys != Keys.NONE;
  }
}
