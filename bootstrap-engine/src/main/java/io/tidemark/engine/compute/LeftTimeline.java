package io.tidemark.engine.compute;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.unix_millis;

import io.tidemark.aggregator.AsOf;
import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import org.apache.spark.sql.Column;

/**
 * What time a left row asks about. An event on the left asks about its own {@code ts} (TEMPORAL) or the midnight
 * before it (SNAPSHOT), and about the entity snapshot of the day before. An entity snapshot on the left asks about the
 * end of its {@code ds} for every part, and about the snapshot of that same day.
 */
enum LeftTimeline {
  EVENTS,
  ENTITIES;

  /** The instant (epoch milliseconds, exclusive) the left row's features are computed as of. */
  Column asOf(Accuracy accuracy) {
    if (this == ENTITIES) {
      return unix_millis(to_timestamp(date_add(col(Names.PARTITION_COLUMN), 1)));
    }
    Column time = col(Names.TIME_COLUMN);
    return accuracy == Accuracy.TEMPORAL ? time : time.minus(pmod(time, lit(PartitionDates.DAY_MILLIS)));
  }

  /** The day of the entity snapshot the left row reads: the day before its event, or its own day. */
  Column snapshotDay() {
    if (this == ENTITIES) {
      return col(Names.PARTITION_COLUMN);
    }
    return date_format(date_sub(to_date(timestamp_millis(col(Names.TIME_COLUMN))), 1), "yyyy-MM-dd");
  }

  /** The day whose mutations a TEMPORAL entity part replays on top of the previous day's snapshot. */
  Column mutationDay() {
    return date_format(to_date(timestamp_millis(col(Names.TIME_COLUMN))), "yyyy-MM-dd");
  }

  /** The earliest as-of instant of a step's left rows. */
  long earliestAsOf(Accuracy accuracy, StepInput step) {
    return this == ENTITIES
        ? step.days().get(0).plusDays(1).startMillis()
        : AsOf.of(accuracy, step.minTime());
  }

  /** The latest as-of instant of a step's left rows. */
  long latestAsOf(Accuracy accuracy, StepInput step) {
    return this == ENTITIES
        ? step.lastDay().plusDays(1).startMillis()
        : AsOf.of(accuracy, step.maxTime());
  }

  /** The first snapshot day a step's left rows read. */
  String firstSnapshotDay(StepInput step) {
    return (this == ENTITIES ? step.days().get(0) : Day.ofEpochMillis(step.minTime()).plusDays(-1)).toString();
  }

  /** The last snapshot day a step's left rows read. */
  String lastSnapshotDay(StepInput step) {
    return (this == ENTITIES ? step.lastDay() : Day.ofEpochMillis(step.maxTime()).plusDays(-1)).toString();
  }
}
