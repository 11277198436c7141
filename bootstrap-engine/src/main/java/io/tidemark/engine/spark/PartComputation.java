package io.tidemark.engine.spark;

import io.tidemark.api.naming.Names;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/** How one join part adds its feature columns to the left rows. */
interface PartComputation {
  /** Returns {@code left} with this part's columns appended; one output row per left row. */
  Dataset<Row> apply(Dataset<Row> left, StepInput bounds);

  /**
   * Like {@link #apply}, with {@link Names#ROW_KEY_COLUMN} added between the left's columns and the part's. A part
   * that passes over the left rows in an order where identical rows meet assigns the keys in that pass; others number
   * the rows first.
   */
  default Dataset<Row> applyWithRowKeys(Dataset<Row> left, StepInput bounds) {
    return apply(RowKeys.add(left), bounds);
  }

  /**
   * Writes what the part reads besides its sources before {@link #apply} runs on a step (daily partial aggregates),
   * committed by run {@code runId}; nothing for most parts.
   */
  default void prepare(StepInput step, String runId) {}

  /** The left columns the part reads (keys, time, {@code ds}); {@link #apply} needs no others. */
  List<String> leftColumns();

  /** The columns this part appends, in order. */
  List<StructField> outputFields();
}
