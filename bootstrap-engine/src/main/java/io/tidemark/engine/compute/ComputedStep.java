package io.tidemark.engine.compute;

import static java.util.Objects.requireNonNull;

import io.tidemark.catalog.CoverageLedger;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A step's output rows, ready to write (Spark computes them as they are written), and where their values come from.
 * Close it once the rows are written: computing them may keep data in Spark's cache until then.
 *
 * @param rows the output rows
 * @param coverage where their values come from, counted before they are computed
 * @param rowsSharingKeys when counted with the coverage, the left rows that share their row ids with another row of
 *     their day, or that a bootstrap source matched more than once; empty when not counted
 * @param kept what the rows read from Spark's cache, computed with the coverage; released by {@link #close}
 */
public record ComputedStep(Dataset<Row> rows, CoverageLedger coverage, OptionalLong rowsSharingKeys,
    Optional<Dataset<Row>> kept) implements AutoCloseable {
  public ComputedStep {
    requireNonNull(rows, "rows is null");
    requireNonNull(coverage, "coverage is null");
    requireNonNull(rowsSharingKeys, "rowsSharingKeys is null");
    requireNonNull(kept, "kept is null");
  }

  /** Rows that keep nothing in Spark's cache. */
  ComputedStep(Dataset<Row> rows, CoverageLedger coverage, OptionalLong rowsSharingKeys) {
    this(rows, coverage, rowsSharingKeys, Optional.empty());
  }

  /** Releases what the rows kept in Spark's cache, without waiting for it. */
  @Override
  public void close() {
    kept.ifPresent(data -> data.unpersist(false));
  }
}
