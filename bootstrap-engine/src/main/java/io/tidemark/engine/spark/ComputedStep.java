package io.tidemark.engine.spark;

import io.tidemark.catalog.CoverageLedger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A step's output rows, ready to write, and where their values come from. Close it once the rows are written: it
 * releases what was cached to compute them.
 */
public final class ComputedStep implements AutoCloseable {
  private final Dataset<Row> rows;
  private final CoverageLedger coverage;
  private final Dataset<Row> cached;

  ComputedStep(Dataset<Row> rows, CoverageLedger coverage, Dataset<Row> cached) {
    this.rows = rows;
    this.coverage = coverage;
    this.cached = cached;
  }

  public Dataset<Row> rows() {
    return rows;
  }

  public CoverageLedger coverage() {
    return coverage;
  }

  @Override
  public void close() {
    if (cached != null) {
      cached.unpersist();
    }
  }
}
