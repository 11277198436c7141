package io.tidemark.engine.compute;

import static java.util.Objects.requireNonNull;

import io.tidemark.catalog.CoverageLedger;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A step's output rows, ready to write (Spark computes them as they are written), and where their values come from.
 *
 * @param rows the output rows
 * @param coverage where their values come from, counted before they are computed
 * @param rowsSharingKeys when counted with the coverage, the left rows that share their row ids with another row of
 *     their day, or that a bootstrap source matched more than once; empty when not counted
 */
public record ComputedStep(Dataset<Row> rows, CoverageLedger coverage, OptionalLong rowsSharingKeys) {
  public ComputedStep {
    requireNonNull(rows, "rows is null");
    requireNonNull(coverage, "coverage is null");
    requireNonNull(rowsSharingKeys, "rowsSharingKeys is null");
  }
}
