package io.tidemark.engine.spark;

import static org.apache.spark.sql.functions.col;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Commits one step's rows to the output table: the first step creates the table together with its data (Iceberg's
 * atomic create-as-select), later steps replace exactly the partitions they cover. Each commit's snapshot summary
 * names the run, the action and the days written.
 */
public final class StepWriter {
  private static final String SNAPSHOT_PROPERTY = "snapshot-property.";

  /** Whether a step may bring columns the table does not have yet. */
  public enum Columns {
    /** The rows have exactly the table's columns (checked at planning). */
    FIXED,
    /** New columns are added to the table; columns the rows lack are written as NULL. */
    EVOLVING
  }

  private final TidemarkCatalog catalog;
  private final TableName table;
  private final Map<String, String> tableProperties;
  private final Columns columns;

  public StepWriter(TidemarkCatalog catalog, TableName table, Map<String, String> tableProperties, Columns columns) {
    this.catalog = catalog;
    this.table = table;
    this.tableProperties = Map.copyOf(tableProperties);
    this.columns = columns;
  }

  /** Writes {@code rows}, which cover {@code days}, for run {@code runId}; returns the rows the commit added. */
  public long write(Dataset<Row> rows, List<String> days, String runId) {
    DataFrameWriterV2<Row> writer = rows.writeTo(catalog.sqlName(table))
        .option(SNAPSHOT_PROPERTY + TableProperties.RUN_ID, runId)
        .option(SNAPSHOT_PROPERTY + TableProperties.ACTION, "backfill")
        .option(SNAPSHOT_PROPERTY + TableProperties.DS_RANGE, days.get(0) + ".." + days.get(days.size() - 1));
    if (columns == Columns.EVOLVING) {
      // New columns land after ds in the table, so the rows' column order may differ from the table's.
      writer.option("merge-schema", "true").option("check-ordering", "false");
    }
    try {
      if (catalog.tableExists(table)) {
        writer.overwritePartitions();
      } else {
        catalog.createNamespaceIfMissing(table.namespace());
        writer.partitionedBy(col(Names.PARTITION_COLUMN));
        tableProperties.forEach(writer::tableProperty);
        if (columns == Columns.EVOLVING) {
          writer.tableProperty("write.spark.accept-any-schema", "true");
        }
        writer.create();
      }
    } catch (Exception e) {
      Optional<String> failedCheck = DataChecks.failure(e);
      if (failedCheck.isPresent()) {
        throw new TidemarkException(ErrorCategory.INVALID_DATA, failedCheck.get(), e);
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
    Table written = catalog.loadTable(table).orElseThrow();
    Snapshot snapshot = written.currentSnapshot();
    return Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
  }
}
