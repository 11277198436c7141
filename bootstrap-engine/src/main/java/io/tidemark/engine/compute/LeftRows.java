package io.tidemark.engine.compute;

import io.tidemark.api.time.Day;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** The rows features are computed for, day by day: a join's left source, or a GroupBy's keys per day. */
interface LeftRows {
  /** The rows of the given days, with {@link #schema}'s columns ({@code ds} last). */
  Dataset<Row> read(List<Day> days);

  StructType schema();

  /**
   * Writes what {@link #read} of these days reads besides source tables (daily partial aggregates), committed by run
   * {@code runId}; nothing for most rows.
   */
  default void prepare(List<Day> days, String runId) {}

  /** What {@link #prepare} would write for the steps of {@code days}, for the plan; writes nothing. */
  default Optional<String> describePreparation(List<List<Day>> days) {
    return Optional.empty();
  }

  /** Where the rows come from, for people. */
  String describe();

  /**
   * A step's statistics when table metadata gives them exactly, which spares a pass over the rows; empty when they
   * must be computed from the rows.
   */
  default Optional<StepInput> knownStatistics(List<Day> step) {
    return Optional.empty();
  }

  /**
   * Whether a step's rows are worth keeping in Spark's cache from their summary to their computation: when finding
   * them costs a shuffle (a GroupBy's keys), not when they are a scan of a table.
   */
  default boolean worthKeeping() {
    return false;
  }
}
