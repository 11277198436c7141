package io.tidemark.engine.compute;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The left rows of one step as a run read them: their summary, and, where reading them again would cost more than
 * keeping them (a GroupBy's keys, which a shuffle of its events or partials finds), the rows themselves in Spark's
 * cache, so that computing the step does not find them a second time. Close it once the step's rows are written.
 */
public final class LeftStep implements AutoCloseable {
  private final StepInput input;
  private final Optional<Dataset<Row>> kept;

  LeftStep(StepInput input, Optional<Dataset<Row>> kept) {
    this.input = requireNonNull(input, "input is null");
    this.kept = requireNonNull(kept, "kept is null");
  }

  public StepInput input() {
    return input;
  }

  /** The rows as summarized, when kept. */
  Optional<Dataset<Row>> kept() {
    return kept;
  }

  /** Releases the kept rows, without waiting for it. */
  @Override
  public void close() {
    kept.ifPresent(rows -> rows.unpersist(false));
  }
}
