package io.tidemark.engine.compute;

import io.tidemark.api.time.Day;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows an aggregated join part sweeps for one step: its GroupBy's key columns, optionally {@link #DAY} (when each
 * snapshot day is aggregated apart, as for entity sources), {@code ts}, {@link #KIND}, the input columns and the
 * {@link #stateColumns}.
 */
interface EventFeed {
  /** The column of the snapshot day a row belongs to, for feeds that aggregate each day apart. */
  String DAY = "__feed_day";
  /** {@link SweepLayout#EVENT} for a row to add, {@link SweepLayout#RETRACTION} for one a mutation takes back. */
  String KIND = "__feed_kind";
  /** How many days the partial aggregates of a {@link SweepLayout#PARTIAL_DAY} row cover (NULL on other rows). */
  String SPAN = "__feed_span";

  /** The left row's counterpart of {@link #DAY}, or empty when the feed is not split by day. */
  Optional<Column> leftDay(LeftTimeline timeline);

  /**
   * The feed whose rows a step reads, asked once per step before the others: this one for most feeds; for a GroupBy
   * whose daily partial aggregates are read where they cost less, the partials or the raw events.
   */
  default EventFeed forStep(StepInput step, LeftTimeline timeline) {
    return this;
  }

  /** The rows that can fall in some window of the step's left rows. */
  Dataset<Row> rows(StepInput step, LeftTimeline timeline);

  /** About how many rows {@link #rows} holds, from table metadata, to size the work. */
  long estimatedRows(StepInput step, LeftTimeline timeline);

  /**
   * The columns of encoded daily partial aggregates on {@link SweepLayout#PARTIAL_DAY} rows, after the inputs; none
   * for feeds of raw events.
   */
  default List<String> stateColumns() {
    return List.of();
  }

  /**
   * What the feed's windows are measured against; with {@link WindowTime#ROW}, {@link #rows} also has
   * {@link SourceScan#ROW_TIME}.
   */
  default WindowTime windowTime() {
    return WindowTime.ARRIVAL;
  }

  /** Writes what {@link #rows} reads before the step runs, committed by run {@code runId}; nothing for most feeds. */
  default void prepare(StepInput step, LeftTimeline timeline, String runId) {}

  /**
   * What {@link #prepare} would write for the steps of {@code days}, for the plan; empty for feeds that write
   * nothing, which do not ask {@code inputs} for the steps' summaries. Writes nothing itself.
   */
  default Optional<String> describePreparation(List<List<Day>> days, Function<List<Day>, StepInput> inputs,
      LeftTimeline timeline) {
    return Optional.empty();
  }
}
