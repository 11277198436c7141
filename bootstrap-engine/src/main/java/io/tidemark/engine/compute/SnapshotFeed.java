package io.tidemark.engine.compute;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.unix_millis;

import io.tidemark.api.naming.Names;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Entity snapshot rows, aggregated per key and snapshot day: a left row sees the snapshot of the day it reads (see
 * {@link LeftTimeline#snapshotDay}) as of the end of that day. Rows carry their own time when the query names one
 * (for windows); otherwise they count as the last millisecond of their day.
 */
final class SnapshotFeed implements EventFeed {
  private final List<SourceScan> sources;
  private final boolean timed;

  SnapshotFeed(List<SourceScan> sources, boolean timed) {
    this.sources = List.copyOf(sources);
    this.timed = timed;
  }

  @Override
  public Optional<Column> leftDay(LeftTimeline timeline) {
    return Optional.of(timeline.snapshotDay());
  }

  @Override
  public Dataset<Row> rows(StepInput step, LeftTimeline timeline) {
    Dataset<Row> rows = SourceScan.readAll(sources, timeline.firstSnapshotDay(step), timeline.lastSnapshotDay(step));
    if (!timed) {
      rows = rows.withColumn(Names.TIME_COLUMN, endOfDay(col(Names.PARTITION_COLUMN)));
    }
    return rows.withColumn(DAY, col(Names.PARTITION_COLUMN)).withColumn(KIND, lit(SweepLayout.EVENT));
  }

  @Override
  public long estimatedRows(StepInput step, LeftTimeline timeline) {
    return sources.stream().mapToLong(source -> source.estimatedRows(timeline.firstSnapshotDay(step),
        timeline.lastSnapshotDay(step))).sum();
  }

  /** The last millisecond of a day. */
  static Column endOfDay(Column day) {
    return unix_millis(to_timestamp(date_add(day, 1))).minus(1);
  }
}
