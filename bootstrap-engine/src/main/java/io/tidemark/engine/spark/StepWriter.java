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

  private final TidemarkCatalog catalog;
  private final TableName table;
  private final String runId;
  private final Map<String, String> tableProperties;

  public StepWriter(TidemarkCatalog catalog, TableName table, String runId, Map<String, String> tableProperties) {
    this.catalog = catalog;
    this.table = table;
    this.runId = runId;
    this.tableProperties = Map.copyOf(tableProperties);
  }

  /** Writes {@code rows}, which cover {@code days}, and returns the number of rows the commit added. */
  public long write(Dataset<Row> rows, List<String> days) {
    DataFrameWriterV2<Row> writer = rows.writeTo(catalog.sqlName(table))
        .option(SNAPSHOT_PROPERTY + TableProperties.RUN_ID, runId)
        .option(SNAPSHOT_PROPERTY + TableProperties.ACTION, "backfill")
        .option(SNAPSHOT_PROPERTY + TableProperties.DS_RANGE, days.get(0) + ".." + days.get(days.size() - 1));
    try {
      if (catalog.tableExists(table)) {
        writer.overwritePartitions();
      } else {
        catalog.createNamespaceIfMissing(table.namespace());
        writer.partitionedBy(col(Names.PARTITION_COLUMN));
        tableProperties.forEach(writer::tableProperty);
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
