package io.tidemark.engine.compute;

import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.time.PartitionDates;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Events from event tables. Only the partitions that can hold events inside some window of the step are read: from
 * the day of the earliest as-of instant minus the longest window, to the later of the step's last day and the day of
 * the latest as-of instant. Unwindowed aggregations read all history.
 */
final class EventTableFeed implements EventFeed {
  private final List<SourceScan> sources;
  private final Accuracy accuracy;
  private final long longestWindowMillis;

  /** @param longestWindowMillis the longest window, or -1 when an aggregation is unwindowed */
  EventTableFeed(List<SourceScan> sources, Accuracy accuracy, long longestWindowMillis) {
    this.sources = List.copyOf(sources);
    this.accuracy = accuracy;
    this.longestWindowMillis = longestWindowMillis;
  }

  @Override
  public Optional<Column> leftDay(LeftTimeline timeline) {
    return Optional.empty();
  }

  @Override
  public Dataset<Row> rows(StepInput step, LeftTimeline timeline) {
    String[] days = days(step, timeline);
    return SourceScan.readAll(sources, days[0], days[1]).withColumn(KIND, lit(SweepLayout.EVENT));
  }

  @Override
  public long estimatedRows(StepInput step, LeftTimeline timeline) {
    String[] days = days(step, timeline);
    return sources.stream().mapToLong(source -> source.estimatedRows(days[0], days[1])).sum();
  }

  /** The first (null for all history) and last day to read. */
  private String[] days(StepInput step, LeftTimeline timeline) {
    long earliest = timeline.earliestAsOf(accuracy, step);
    String from = longestWindowMillis < 0 ? null : PartitionDates.dayOf(earliest - longestWindowMillis);
    String latest = PartitionDates.dayOf(timeline.latestAsOf(accuracy, step));
    String lastDay = step.lastDay().toString();
    return new String[] {from, latest.compareTo(lastDay) > 0 ? latest : lastDay};
  }
}
