package io.tidemark.engine.spark;

import static io.tidemark.engine.spark.SourceScan.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.tidemark.api.naming.Names;
import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A join that passed analysis: how to read its left rows and how each part adds its columns. Output columns are the
 * left's columns, then every part's columns in definition order, then {@code ds}.
 */
public final class JoinComputation {
  private final LeftRows left;
  private final LeftTimeline timeline;
  private final List<PartComputation> parts;
  private final StructType outputSchema;

  JoinComputation(LeftRows left, LeftTimeline timeline, List<PartComputation> parts) {
    this.left = left;
    this.timeline = timeline;
    this.parts = List.copyOf(parts);
    List<StructField> fields = new ArrayList<>();
    for (StructField field : left.schema().fields()) {
      if (!field.name().equals(Names.PARTITION_COLUMN)) {
        fields.add(DataTypes.createStructField(field.name(), field.dataType(), true));
      }
    }
    parts.forEach(part -> fields.addAll(part.outputFields()));
    fields.add(DataTypes.createStructField(Names.PARTITION_COLUMN, DataTypes.StringType, true));
    this.outputSchema = DataTypes.createStructType(fields);
  }

  /** Where the rows features are computed for come from, for people. */
  public String describeLeft() {
    return left.describe();
  }

  public StructType outputSchema() {
    return outputSchema;
  }

  /**
   * Summarizes the left rows of a step's days: which days have rows, how many, and their span of times (for entities
   * on the left, of their days). From table metadata when it is exact, otherwise with one small Spark job.
   */
  public StepInput stepInput(List<String> step) {
    return left.knownStatistics(step).orElseGet(() -> computedStatistics(step));
  }

  private StepInput computedStatistics(List<String> step) {
    boolean timed = timeline == LeftTimeline.EVENTS;
    Column time = timed ? col(Names.TIME_COLUMN) : lit(null).cast("bigint");
    List<Row> stats = left.read(step)
        .groupBy(col(Names.PARTITION_COLUMN))
        .agg(count(lit(1)), min(time), max(time))
        .collectAsList();
    Set<String> withRows = new HashSet<>();
    long rows = 0;
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    for (Row row : stats) {
      withRows.add(row.getString(0));
      rows += row.getLong(1);
      if (!row.isNullAt(2)) {
        minTime = Math.min(minTime, row.getLong(2));
        maxTime = Math.max(maxTime, row.getLong(3));
      }
    }
    List<String> days = step.stream().filter(withRows::contains).toList();
    List<String> empty = step.stream().filter(day -> !withRows.contains(day)).toList();
    if (minTime > maxTime) {
      // Entities on the left, or no left row with a time: the step's days bound what is read.
      minTime = days.isEmpty() ? 0 : PartitionDates.startMillis(days.get(0));
      maxTime = days.isEmpty() ? 0 : PartitionDates.startMillis(days.get(days.size() - 1));
    }
    return new StepInput(days, empty, rows, minTime, maxTime);
  }

  /** The output rows for the days of {@code input} that have left rows. */
  public Dataset<Row> compute(StepInput input) {
    Dataset<Row> rows = left.read(input.days());
    for (PartComputation part : parts) {
      rows = part.apply(rows, input);
    }
    Column[] columns = new Column[outputSchema.fields().length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = col(quote(outputSchema.fields()[i].name()));
    }
    return rows.select(columns);
  }
}
