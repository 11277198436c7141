package io.tidemark.engine.spark;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/** How one join part adds its feature columns to the left rows. */
interface PartComputation {
  /** Returns {@code left} with this part's columns appended; one output row per left row. */
  Dataset<Row> apply(Dataset<Row> left, StepInput bounds);

  /** The left columns the part reads (keys, time, {@code ds}); {@link #apply} needs no others. */
  List<String> leftColumns();

  /** The columns this part appends, in order. */
  List<StructField> outputFields();
}
