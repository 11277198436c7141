package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.naming.Names;
import io.tidemark.engine.write.DataChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * An entity GroupBy without aggregations: each left row gets the snapshot columns of its key from the snapshot day it
 * reads ({@link LeftTimeline#snapshotDay}: for events, {@code date(ts) - 1}, the state at the end of the day before).
 * A snapshot must hold one row per key and day; a duplicate fails the job before anything is committed.
 */
final class SnapshotLookup implements PartComputation {
  private static final String KEY = "__snapshot_key_";
  private static final String DAY = "__snapshot_ds";
  private static final String ROWS = "__snapshot_rows";
  private static final String LOOKUP_DAY = "__lookup_ds";

  private final JoinPart part;
  private final List<SourceScan> sources;
  private final LeftTimeline timeline;
  private final List<String> valueColumns;
  private final List<StructField> outputFields;

  SnapshotLookup(JoinPart part, List<SourceScan> sources, LeftTimeline timeline, List<String> valueColumns,
      List<StructField> outputFields) {
    this.part = part;
    this.sources = List.copyOf(sources);
    this.timeline = timeline;
    this.valueColumns = List.copyOf(valueColumns);
    this.outputFields = List.copyOf(outputFields);
  }

  @Override
  public List<StructField> outputFields() {
    return outputFields;
  }

  @Override
  public List<String> leftKeyColumns() {
    return part.leftKeyColumns();
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> left, StepInput bounds) {
    List<String> keys = part.groupBy().keyColumns();
    String from = timeline.firstSnapshotDay(bounds);
    String to = timeline.lastSnapshotDay(bounds);

    List<Column> groupColumns = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      groupColumns.add(col(quote(keys.get(i))).as(KEY + i));
    }
    groupColumns.add(col(Names.PARTITION_COLUMN).as(DAY));
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)).as(ROWS));
    for (int i = 0; i < valueColumns.size(); i++) {
      aggregates.add(first(col(quote(valueColumns.get(i)))).as(outputFields.get(i).name()));
    }
    Dataset<Row> snapshot = SourceScan.readAll(sources, from, to)
        .groupBy(groupColumns.toArray(Column[]::new))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));

    Dataset<Row> withDay = left.withColumn(LOOKUP_DAY, timeline.snapshotDay());
    Column matches = withDay.col(LOOKUP_DAY).equalTo(snapshot.col(DAY));
    for (int i = 0; i < keys.size(); i++) {
      matches = matches.and(withDay.col(quote(part.leftColumnFor(keys.get(i)))).equalTo(snapshot.col(KEY + i)));
    }
    Dataset<Row> joined = withDay.join(snapshot, matches, "left_outer");

    List<Column> output = new ArrayList<>();
    for (String column : left.columns()) {
      output.add(withDay.col(quote(column)));
    }
    for (int i = 0; i < outputFields.size(); i++) {
      StructField field = outputFields.get(i);
      Column value = snapshot.col(quote(field.name()));
      if (i == 0) {
        value = DataChecks.failWhen(snapshot.col(ROWS).gt(1), duplicateMessage(snapshot, keys), value,
            field.dataType());
      }
      output.add(value.as(field.name()));
    }
    return joined.select(output.toArray(Column[]::new));
  }

  private Column duplicateMessage(Dataset<Row> snapshot, List<String> keys) {
    List<Column> parts = new ArrayList<>();
    String tables = sources.stream().map(source -> source.table().toString()).distinct()
        .collect(Collectors.joining(" + "));
    parts.add(lit(tables + " holds "));
    parts.add(snapshot.col(ROWS).cast("string"));
    parts.add(lit(" rows for"));
    for (int i = 0; i < keys.size(); i++) {
      parts.add(lit(" " + keys.get(i) + "="));
      parts.add(snapshot.col(KEY + i).cast("string"));
    }
    parts.add(lit(" in partition ds="));
    parts.add(snapshot.col(DAY));
    parts.add(lit(" (used by " + part.groupBy().name() + "); a snapshot must hold one row per key and day. Fix: "
        + "remove the duplicates from " + tables + ", or aggregate them in the GroupBy"));
    return concat(parts.toArray(Column[]::new));
  }
}
