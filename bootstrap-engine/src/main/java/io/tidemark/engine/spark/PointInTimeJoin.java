package io.tidemark.engine.spark;

import static io.tidemark.engine.spark.SourceScan.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.tidemark.aggregator.AsOf;
import io.tidemark.aggregator.InputType;
import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.Window;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Windowed aggregations of events as of each left row, without a cross join: left rows and events are put in one
 * dataset, shuffled by key, sorted by time within each key (left rows before events of the same instant, so an event
 * at exactly the left row's time is not seen), and swept once by {@link SweepFunction}.
 */
final class PointInTimeJoin implements PartComputation {
  private static final String KEY = "__key_";
  private static final String TIME = "__time";
  private static final String KIND = "__kind";
  private static final String INPUT = "__input_";

  private final JoinPart part;
  private final Accuracy accuracy;
  private final List<SourceScan> sources;
  private final List<AggregationPart> aggregations;
  private final LinkedHashMap<String, DataType> inputTypes;
  private final List<StructField> outputFields;

  /**
   * @param inputTypes the columns the aggregations read (inputs and buckets), with their Spark types
   * @param outputFields the part's output columns
   */
  PointInTimeJoin(JoinPart part, List<SourceScan> sources, Map<String, DataType> inputTypes,
      List<StructField> outputFields) {
    this.part = part;
    this.accuracy = part.groupBy().effectiveAccuracy();
    this.sources = List.copyOf(sources);
    this.aggregations = part.groupBy().aggregationParts();
    this.inputTypes = new LinkedHashMap<>(inputTypes);
    this.outputFields = List.copyOf(outputFields);
  }

  @Override
  public List<StructField> outputFields() {
    return outputFields;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> left, StepInput bounds) {
    List<String> keys = part.groupBy().keyColumns();
    List<Column> leftSide = new ArrayList<>();
    List<Column> eventSide = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      leftSide.add(col(quote(part.leftColumnFor(keys.get(i)))).as(KEY + i));
      eventSide.add(col(quote(keys.get(i))).as(KEY + i));
    }
    leftSide.add(asOf(col(Names.TIME_COLUMN)).as(TIME));
    eventSide.add(col(Names.TIME_COLUMN).as(TIME));
    leftSide.add(lit(SweepLayout.LEFT_ROW).as(KIND));
    eventSide.add(lit(SweepLayout.EVENT).as(KIND));
    for (StructField field : left.schema().fields()) {
      leftSide.add(col(quote(field.name())));
      eventSide.add(lit(null).cast(field.dataType()).as(field.name()));
    }
    int input = 0;
    for (Map.Entry<String, DataType> entry : inputTypes.entrySet()) {
      leftSide.add(lit(null).cast(entry.getValue()).as(INPUT + input));
      eventSide.add(col(quote(entry.getKey())).as(INPUT + input));
      input++;
    }

    Dataset<Row> events = readEvents(bounds);
    for (String key : keys) {
      events = events.filter(col(quote(key)).isNotNull());
    }
    events = events.filter(col(Names.TIME_COLUMN).isNotNull());

    // Within a key: by time, left rows before events of the same instant (an event at the left row's time is not
    // seen), and events of one instant by a hash of their values, so FIRST, LAST and friends never depend on the
    // order Spark happened to read them in.
    Column[] sortKeys = new Column[keys.size() + 3];
    Column[] shuffleKeys = new Column[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      sortKeys[i] = col(KEY + i);
      shuffleKeys[i] = col(KEY + i);
    }
    sortKeys[keys.size()] = col(TIME);
    sortKeys[keys.size() + 1] = col(KIND);
    Column[] inputColumns = new Column[inputTypes.size()];
    for (int i = 0; i < inputColumns.length; i++) {
      inputColumns[i] = col(INPUT + i);
    }
    sortKeys[keys.size() + 2] = inputColumns.length == 0 ? lit(0) : xxhash64(inputColumns);
    Dataset<Row> sorted = left.select(leftSide.toArray(Column[]::new))
        .union(events.select(eventSide.toArray(Column[]::new)))
        .repartition(shuffleKeys)
        .sortWithinPartitions(sortKeys);

    SweepLayout layout = new SweepLayout(keys.size(), left.schema().fields().length, inputTypes.size());
    Map<String, InputType> sweepInputs = new LinkedHashMap<>();
    inputTypes.forEach((column, type) -> sweepInputs.put(column, SparkTypes.inputType(type).orElseThrow()));
    return sorted.mapPartitions(new SweepFunction(layout, aggregations, sweepInputs),
        Encoders.row(outputSchema(left.schema())));
  }

  /** Reads only the partitions that can hold events inside some window of some left row of the step. */
  private Dataset<Row> readEvents(StepInput bounds) {
    long earliestAsOf = AsOf.of(accuracy, bounds.minTime());
    long latestAsOf = AsOf.of(accuracy, bounds.maxTime());
    String from = longestWindowMillis() < 0 ? null : PartitionDates.dayOf(earliestAsOf - longestWindowMillis());
    String latestDay = PartitionDates.dayOf(latestAsOf);
    String to = latestDay.compareTo(bounds.lastDay()) > 0 ? latestDay : bounds.lastDay();
    return SourceScan.readAll(sources, from, to);
  }

  /** The longest window in milliseconds, or -1 when some aggregation is unwindowed and needs all history. */
  private long longestWindowMillis() {
    long longest = 0;
    for (AggregationPart aggregation : aggregations) {
      Window window = aggregation.window();
      if (window == null) {
        return -1;
      }
      longest = Math.max(longest, window.millis());
    }
    return longest;
  }

  private Column asOf(Column time) {
    return accuracy == Accuracy.TEMPORAL ? time : time.minus(pmod(time, lit(PartitionDates.DAY_MILLIS)));
  }

  private StructType outputSchema(StructType left) {
    List<StructField> fields = new ArrayList<>();
    for (StructField field : left.fields()) {
      fields.add(DataTypes.createStructField(field.name(), field.dataType(), true));
    }
    fields.addAll(outputFields);
    return DataTypes.createStructType(fields);
  }
}
