package io.tidemark.engine.spark;

import static io.tidemark.engine.spark.SourceScan.quote;
import static io.tidemark.api.Preconditions.checkState;
import static org.apache.spark.sql.functions.col;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Commits one step's rows to an output table: the first step creates the table together with its data (Iceberg's
 * atomic create-as-select); later steps either replace exactly the partitions they cover, or merge their rows into
 * the table on the row key and {@code ds} (matching rows are updated, new rows inserted). Each commit's snapshot
 * summary names the run, the action and the days written, plus what the caller adds.
 */
public final class StepWriter {
  private static final String SNAPSHOT_PROPERTY = "snapshot-property.";
  /** The action of a commit that computed days again, in the snapshot summary. */
  public static final String RECOMPUTE_ACTION = "recompute";

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
  private final List<String> mergeKeys;

  private StepWriter(TidemarkCatalog catalog, TableName table, Map<String, String> tableProperties, Columns columns,
      List<String> mergeKeys) {
    this.catalog = catalog;
    this.table = table;
    this.tableProperties = Map.copyOf(tableProperties);
    this.columns = columns;
    this.mergeKeys = List.copyOf(mergeKeys);
  }

  /** A writer that replaces the partitions each step covers. */
  public static StepWriter replacingPartitions(TidemarkCatalog catalog, TableName table,
      Map<String, String> tableProperties, Columns columns) {
    return new StepWriter(catalog, table, tableProperties, columns, List.of());
  }

  /** A writer that merges each step's rows into the table on {@code keys} and {@code ds}. */
  public static StepWriter mergingOn(TidemarkCatalog catalog, TableName table, Map<String, String> tableProperties,
      List<String> keys) {
    return new StepWriter(catalog, table, tableProperties, Columns.FIXED, keys);
  }

  /** Writes {@code rows}, which cover {@code days}, for run {@code runId}; returns the rows the commit added. */
  public long write(Dataset<Row> rows, List<String> days, String runId) {
    return write(rows, days, runId, Map.of());
  }

  /** Like {@link #write(Dataset, List, String)}, adding {@code summary} to the commit's snapshot summary. */
  public long write(Dataset<Row> rows, List<String> days, String runId, Map<String, String> summary) {
    Map<String, String> snapshotProperties = snapshotProperties(runId, "backfill", days, summary);
    commit(days, () -> {
      if (!catalog.tableExists(table)) {
        create(rows, snapshotProperties);
      } else if (mergeKeys.isEmpty()) {
        writer(rows, snapshotProperties).overwritePartitions();
      } else {
        merge(rows, days, snapshotProperties, "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
      }
    });
    Table written = catalog.loadTable(table).orElseThrow();
    Snapshot snapshot = written.currentSnapshot();
    return Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
  }

  /**
   * Replaces exactly the partitions of {@code days} with {@code rows} in one commit (a day without rows is left
   * empty), for run {@code runId}, with the action {@code recompute}; returns the rows the commit added.
   */
  public long replace(Dataset<Row> rows, List<String> days, String runId, Map<String, String> summary) {
    Map<String, String> snapshotProperties = snapshotProperties(runId, RECOMPUTE_ACTION, days, summary);
    commit(days, () -> writer(rows, snapshotProperties).overwrite(col(Names.PARTITION_COLUMN).isin(days.toArray())));
    Snapshot snapshot = catalog.loadTable(table).orElseThrow().currentSnapshot();
    return Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
  }

  /**
   * Sets {@code columns} and the provenance of the table's rows that {@code rows} match on the merge keys and
   * {@code ds} (within {@code days}), in one {@code MERGE INTO} commit; inserts nothing. The provenance keeps its
   * entries for {@code keptColumns} and takes the rows' entries for the rest.
   *
   * @param action what the commit does, for the snapshot summary (e.g. {@code recompute columns})
   */
  public void update(Dataset<Row> rows, List<String> days, String runId, String action, Collection<String> columns,
      Collection<String> keptColumns, Map<String, String> summary) {
    checkState(!mergeKeys.isEmpty(), "Cannot update %s: the writer replaces partitions", table);
    String set = columns.stream().map(column -> "t." + quote(column) + " = s." + quote(column))
        .collect(Collectors.joining(", "));
    set += (set.isEmpty() ? "" : ", ") + "t." + quote(Names.PROVENANCE_COLUMN) + " = "
        + Provenance.merged("t", "s", keptColumns);
    String actions = "WHEN MATCHED THEN UPDATE SET " + set;
    commit(days, () -> merge(rows, days, snapshotProperties(runId, action, days, summary), actions));
  }

  /** One write that commits. */
  private interface Commit {
    void run() throws Exception;
  }

  /**
   * Runs {@code commit}. A data check failing in its Spark job becomes an error about the data; a failure while
   * another writer committed to the table (it was created, or its snapshot moved, since this write began) becomes a
   * {@link ConcurrentCommitException}, which the caller may answer by checking what the other run did and retrying.
   */
  private void commit(List<String> days, Commit commit) {
    Optional<Long> before = currentSnapshot();
    try {
      commit.run();
    } catch (Exception e) {
      Optional<String> failedCheck = DataChecks.failure(e);
      if (failedCheck.isPresent()) {
        throw new TidemarkException(ErrorCategory.INVALID_DATA, failedCheck.get(), e);
      }
      if (!currentSnapshot().equals(before)) {
        throw new ConcurrentCommitException(table, days, e);
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  /** The table's current snapshot id; empty while the table does not exist, 0 while it has no snapshot. */
  private Optional<Long> currentSnapshot() {
    return catalog.loadTable(table).map(loaded -> loaded.currentSnapshot() == null
        ? 0L : loaded.currentSnapshot().snapshotId());
  }

  private static Map<String, String> snapshotProperties(String runId, String action, List<String> days,
      Map<String, String> summary) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(TableProperties.RUN_ID, runId);
    properties.put(TableProperties.ACTION, action);
    properties.put(TableProperties.DS_RANGE, days.get(0) + ".." + days.get(days.size() - 1));
    properties.putAll(summary);
    return properties;
  }

  private void create(Dataset<Row> rows, Map<String, String> snapshotProperties) throws Exception {
    catalog.createNamespaceIfMissing(table.namespace());
    DataFrameWriterV2<Row> writer = writer(rows, snapshotProperties);
    writer.partitionedBy(col(Names.PARTITION_COLUMN));
    tableProperties.forEach(writer::tableProperty);
    if (columns == Columns.EVOLVING) {
      writer.tableProperty("write.spark.accept-any-schema", "true");
    }
    writer.create();
  }

  private DataFrameWriterV2<Row> writer(Dataset<Row> rows, Map<String, String> snapshotProperties) {
    DataFrameWriterV2<Row> writer = rows.writeTo(catalog.sqlName(table));
    snapshotProperties.forEach((key, value) -> writer.option(SNAPSHOT_PROPERTY + key, value));
    if (columns == Columns.EVOLVING) {
      // New columns land after ds in the table, so the rows' column order may differ from the table's.
      writer.option("merge-schema", "true").option("check-ordering", "false");
    }
    return writer;
  }

  /**
   * {@code MERGE INTO} the table on the keys and {@code ds}, reading only the step's partitions of the table. The
   * snapshot summary goes through Iceberg's commit metadata, the way SQL writes carry it.
   */
  private void merge(Dataset<Row> computed, List<String> days, Map<String, String> snapshotProperties,
      String actions) {
    // A copy-on-write MERGE reads its source twice (to find the files with matches, then to rewrite them), so the
    // step's rows are computed once and kept.
    Dataset<Row> rows = computed.persist(StorageLevel.MEMORY_AND_DISK());
    rows.count();
    String view = "tidemark_step_" + UUID.randomUUID().toString().replace("-", "");
    rows.createOrReplaceTempView(view);
    String on = mergeKeys.stream()
        .map(key -> "t." + quote(key) + " <=> s." + quote(key))
        .collect(Collectors.joining(" AND "));
    String dayList = days.stream().map(day -> "'" + day + "'").collect(Collectors.joining(", "));
    String merge = "MERGE INTO " + catalog.sqlName(table) + " t USING " + view + " s ON " + on
        + " AND t.ds = s.ds AND t.ds IN (" + dayList + ") " + actions;
    Callable<Void> run = () -> {
      rows.sparkSession().sql(merge);
      return null;
    };
    try {
      CommitMetadata.withCommitProperties(snapshotProperties, run, RuntimeException.class);
    } finally {
      rows.sparkSession().catalog().dropTempView(view);
      rows.unpersist();
    }
  }
}
