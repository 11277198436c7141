package io.tidemark.engine.spark;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows an aggregated join part sweeps for one step: its GroupBy's key columns, optionally {@link #DAY} (when each
 * snapshot day is aggregated apart, as for entity sources), {@code ts}, {@link #KIND} and the input columns.
 */
interface EventFeed {
  /** The column of the snapshot day a row belongs to, for feeds that aggregate each day apart. */
  String DAY = "__feed_day";
  /** {@link SweepLayout#EVENT} for a row to add, {@link SweepLayout#RETRACTION} for one a mutation takes back. */
  String KIND = "__feed_kind";

  /** The left row's counterpart of {@link #DAY}, or empty when the feed is not split by day. */
  Optional<Column> leftDay(LeftTimeline timeline);

  /** The rows that can fall in some window of the step's left rows. */
  Dataset<Row> rows(StepInput step, LeftTimeline timeline);

  /** About how many rows {@link #rows} holds, from table metadata, to size the work. */
  long estimatedRows(StepInput step, LeftTimeline timeline);
}
