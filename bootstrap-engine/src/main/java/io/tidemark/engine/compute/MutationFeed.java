package io.tidemark.engine.compute;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tidemark.api.naming.Names;
import io.tidemark.api.time.PartitionDates;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A TEMPORAL entity part: for a left row at time t on day D, the snapshot of D - 1 (the state at the start of D), then
 * the mutations of D before t, replayed in mutation-time order. A mutation row marked as reversal takes a row back; the
 * row that replaces it is added. When the part has windows, each row also carries its own time
 * ({@link WindowTime#ROW}): a snapshot row's time column, a mutation row's time column (not its mutation time).
 */
final class MutationFeed implements EventFeed {
  private final List<SourceScan> snapshots;
  private final List<SourceScan> mutations;
  private final WindowTime windowTime;

  /**
   * @param mutations scans of the mutation tables, with {@link SourceScan#ROW_TIME} when {@code windowTime} is
   *     {@link WindowTime#ROW}; the snapshots then have their time column
   */
  MutationFeed(List<SourceScan> snapshots, List<SourceScan> mutations, WindowTime windowTime) {
    this.snapshots = List.copyOf(snapshots);
    this.mutations = List.copyOf(mutations);
    this.windowTime = windowTime;
  }

  @Override
  public WindowTime windowTime() {
    return windowTime;
  }

  @Override
  public Optional<Column> leftDay(LeftTimeline timeline) {
    return Optional.of(timeline.mutationDay());
  }

  @Override
  public long estimatedRows(StepInput step, LeftTimeline timeline) {
    String firstDay = PartitionDates.dayOf(step.minTime());
    String lastDay = PartitionDates.dayOf(step.maxTime());
    long rows = 0;
    for (SourceScan snapshot : snapshots) {
      rows += snapshot.estimatedRows(PartitionDates.plusDays(firstDay, -1), PartitionDates.plusDays(lastDay, -1));
    }
    for (SourceScan mutation : mutations) {
      rows += mutation.estimatedRows(firstDay, lastDay);
    }
    return rows;
  }

  @Override
  public Dataset<Row> rows(StepInput step, LeftTimeline timeline) {
    String firstDay = PartitionDates.dayOf(step.minTime());
    String lastDay = PartitionDates.dayOf(step.maxTime());
    Dataset<Row> state = SourceScan.readAll(snapshots, PartitionDates.plusDays(firstDay, -1),
        PartitionDates.plusDays(lastDay, -1));
    if (windowTime == WindowTime.ROW) {
      state = state.withColumn(SourceScan.ROW_TIME, col(Names.TIME_COLUMN));
    }
    state = state.withColumn(DAY, date_format(date_add(col(Names.PARTITION_COLUMN), 1), "yyyy-MM-dd"))
        .withColumn(Names.TIME_COLUMN, SnapshotFeed.endOfDay(col(Names.PARTITION_COLUMN)))
        .withColumn(KIND, lit(SweepLayout.EVENT));
    Dataset<Row> changes = SourceScan.readAll(mutations, firstDay, lastDay)
        .withColumn(DAY, col(Names.PARTITION_COLUMN))
        .withColumn(KIND, when(col(SourceScan.REVERSAL), lit(SweepLayout.RETRACTION)).otherwise(lit(SweepLayout.EVENT)))
        .drop(SourceScan.REVERSAL);
    return state.unionByName(changes);
  }
}
