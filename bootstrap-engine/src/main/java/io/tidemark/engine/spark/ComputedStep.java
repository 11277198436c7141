package io.tidemark.engine.spark;

import static java.util.Objects.requireNonNull;

import io.tidemark.catalog.CoverageLedger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A step's output rows, ready to write (Spark computes them as they are written), and where their values come from.
 *
 * @param rows the output rows
 * @param coverage where their values come from, counted before they are computed
 */
public record ComputedStep(Dataset<Row> rows, CoverageLedger coverage) {
  public ComputedStep {
    requireNonNull(rows, "rows is null");
    requireNonNull(coverage, "coverage is null");
  }
}
