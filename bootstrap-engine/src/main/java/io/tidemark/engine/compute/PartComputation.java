package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
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
   * Like {@link #apply}, for rows that went through a bootstrap join: the part's columns are NULL on the rows where
   * {@code skipped} holds (their values come from a bootstrap source; none is skipped when empty), and {@code bounds}
   * counts the other rows only. {@code computedKeys} holds the rows to compute, with at least the
   * {@link #leftKeyColumns}: a narrow copy that costs less to read than {@code left}, which carries the bootstrap
   * join. A part that can leave the skipped rows out of its work does.
   */
  default Dataset<Row> applyExcept(Dataset<Row> left, StepInput bounds, Optional<Column> skipped,
      Dataset<Row> computedKeys) {
    Dataset<Row> rows = apply(left, bounds);
    if (skipped.isEmpty()) {
      return rows;
    }
    Set<String> outputs = outputFields().stream().map(StructField::name).collect(Collectors.toSet());
    List<Column> columns = new ArrayList<>();
    for (String column : rows.columns()) {
      Column value = col(quote(column));
      columns.add(outputs.contains(column) ? when(not(skipped.get()), value).as(column) : value);
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** The left columns that hold the GroupBy's keys, in the order of its key columns. */
  List<String> leftKeyColumns();

  /**
   * Writes what the part reads besides its sources before {@link #apply} runs on a step (daily partial aggregates),
   * committed by run {@code runId}; nothing for most parts.
   */
  default void prepare(StepInput step, String runId) {}

  /**
   * What {@link #prepare} would write for the steps of {@code days}, for the plan; empty for most parts, which then
   * do not ask {@code inputs} for the steps' summaries. Writes nothing.
   */
  default Optional<String> describePreparation(List<List<Day>> days, Function<List<Day>, StepInput> inputs) {
    return Optional.empty();
  }

  /** The columns this part appends, in order. */
  List<StructField> outputFields();
}
