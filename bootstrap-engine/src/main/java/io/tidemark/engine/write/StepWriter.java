package io.tidemark.engine.write;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.ConcurrentCommitException;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.SparkSql;
import io.tidemark.catalog.TableChange;
import io.tidemark.engine.compute.Provenance;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes a step's rows into a {@link TableChange}, which commits them together with the table's bookkeeping. Rows
 * either replace exactly the partitions they cover (new days, and days whose every row is rewritten), or are merged
 * into the table on a key and {@code ds} (matching rows updated, new rows inserted).
 *
 * <p>Rows that come out of a sweep are spread by key, so every task holds every day of the step. They are written by
 * a few tasks each writing one file per day, without another shuffle; redistributing them by day first (Iceberg's
 * default) costs a shuffle of every output row and, on a few days, leaves one task to write them all.
 */
public final class StepWriter {
  /**
   * Rows per writing task below which fewer tasks write: small steps should not make many small files. A benchmark
   * join's day of 143,110 rows (2 MB of Parquet) is written by two tasks on two cores, each merging the sweep's tasks
   * it writes; by one, it also took a shuffle and a stage of its own, on one core (0.3 s of a 0.9 s run).
   */
  public static final long MIN_ROWS_PER_WRITER = 64_000L;

  /** What the rows do to the days they cover. */
  public enum Days {
    /** The days are new to the table: the rows are added (and checked at commit not to meet another writer's). */
    ADD,
    /** The rows of the days the rows cover are replaced whole. */
    REPLACE
  }

  /** Whether rows may bring columns the table does not have yet. */
  public enum Columns {
    /** The rows have exactly the table's columns (checked at planning). */
    FIXED,
    /** New columns are added to the table; columns the rows lack are written as NULL. */
    EVOLVING
  }

  private StepWriter() {}

  /**
   * Writes {@code rows} into {@code change}: adds them, or replaces the partitions they cover.
   *
   * @param expectedRows about how many rows there are, to choose how many tasks write
   * @return the rows the change added
   */
  public static long write(TableChange change, Dataset<Row> rows, long expectedRows, Days days, Columns columns) {
    Dataset<Row> spread = spread(rows, expectedRows);
    DataFrameWriterV2<Row> writer = spread.writeTo(change.sqlName());
    change.writeOptions().forEach(writer::option);
    // One file per day from each task; no shuffle to redistribute the rows by day first.
    writer.option("distribution-mode", "none").option("fanout-enabled", "true");
    if (columns == Columns.EVOLVING) {
      // New columns land after ds in the table, so the rows' column order may differ from the table's.
      writer.option("merge-schema", "true").option("check-ordering", "false");
    }
    run(change, () -> {
      try (RunProfile.Stage stage = RunProfile.stage("write rows")) {
        if (days == Days.ADD || change.table().currentSnapshot() == null) {
          writer.append();
        } else {
          writer.overwritePartitions();
        }
      }
      return null;
    });
    return addedRows(change);
  }

  /**
   * Replaces exactly {@code days} with {@code rows} within {@code change}: a day without rows now is left empty.
   *
   * @return the rows the change added
   */
  public static long overwriteDays(TableChange change, Dataset<Row> rows, long expectedRows, List<Day> days) {
    return overwrite(change, rows, expectedRows, col(Names.PARTITION_COLUMN).isin(Day.texts(days).toArray()));
  }

  /**
   * Replaces the rows {@code replaced} selects with {@code rows} within {@code change}; {@code replaced} must select
   * whole partitions.
   *
   * @return the rows the change added
   */
  public static long overwrite(TableChange change, Dataset<Row> rows, long expectedRows, Column replaced) {
    DataFrameWriterV2<Row> writer = spread(rows, expectedRows).writeTo(change.sqlName());
    change.writeOptions().forEach(writer::option);
    writer.option("distribution-mode", "none").option("fanout-enabled", "true");
    run(change, () -> {
      try (RunProfile.Stage stage = RunProfile.stage("write rows")) {
        writer.overwrite(replaced);
      }
      return null;
    });
    return addedRows(change);
  }

  /**
   * {@code MERGE INTO} the change's table on {@code keys} and {@code ds}, reading only {@code days} of the table,
   * with {@code actions} ({@code WHEN MATCHED ...}). The rows are computed once: a copy-on-write MERGE reads its
   * source twice, and Spark 4.1 cannot plan a MERGE whose source still refers to the Iceberg tables it was read from.
   *
   * @return the rows the change added
   */
  public static long merge(TableChange change, Dataset<Row> computed, List<String> keys, List<Day> days,
      String actions) {
    Dataset<Row> rows;
    try (RunProfile.Stage stage = RunProfile.stage("compute the rows to merge")) {
      rows = computed.localCheckpoint(true);
    }
    String view = "tidemark_step_" + UUID.randomUUID().toString().replace("-", "");
    rows.createOrReplaceTempView(view);
    String on = keys.stream()
        .map(key -> "t." + quote(key) + " <=> s." + quote(key))
        .collect(Collectors.joining(" AND "));
    String dayList = days.stream().map(day -> SparkSql.literal(day.toString())).collect(Collectors.joining(", "));
    String merge = "MERGE INTO " + change.sqlName() + " t USING " + view + " s ON " + on
        + " AND t.ds = s.ds AND t.ds IN (" + dayList + ") " + actions;
    try {
      run(change, () -> {
        try (RunProfile.Stage stage = RunProfile.stage("MERGE INTO")) {
          return CommitMetadata.withCommitProperties(change.info().summary(), () -> {
            rows.sparkSession().sql(merge);
            return null;
          }, RuntimeException.class);
        }
      });
    } finally {
      rows.sparkSession().catalog().dropTempView(view);
    }
    return addedRows(change);
  }

  /**
   * Sets {@code columns} and the provenance of the table's rows that {@code rows} match on {@code keys} and {@code ds}
   * (within {@code days}), in one {@code MERGE INTO}; inserts nothing. The provenance keeps its entries for
   * {@code keptColumns} and takes the rows' entries for the rest.
   */
  public static void update(TableChange change, Dataset<Row> rows, List<String> keys, List<Day> days,
      Collection<String> columns, Collection<String> keptColumns) {
    String set = columns.stream().map(column -> "t." + quote(column) + " = s." + quote(column))
        .collect(Collectors.joining(", "));
    set += (set.isEmpty() ? "" : ", ") + "t." + quote(Names.PROVENANCE_COLUMN) + " = "
        + Provenance.merged("t", "s", keptColumns);
    merge(change, rows, keys, days, "WHEN MATCHED THEN UPDATE SET " + set);
  }

  /**
   * Runs a Spark write into the change. A data check failing in its job becomes an error about the data; Iceberg
   * finding that another writer changed the same partitions since the change's base becomes a
   * {@link ConcurrentCommitException}.
   */
  private static void run(TableChange change, Callable<Void> write) {
    try {
      write.call();
    } catch (Exception e) {
      Optional<String> failedCheck = DataChecks.failure(e);
      if (failedCheck.isPresent()) {
        throw new TidemarkException(ErrorCode.DATA_CHECK_FAILED, failedCheck.get(), e);
      }
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ValidationException) {
          throw new ConcurrentCommitException(change.tableName(), change.info(), cause);
        }
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  /**
   * The rows in as many tasks as write them: enough to use the cores, not so many that small steps make many small
   * files. Merging partitions without a shuffle is narrow, so it would also run the sweep that computes the rows in
   * that many tasks; a step too small to give every core a writer moves its rows to its writers instead, which costs
   * less than sweeping on fewer cores than there are.
   */
  private static Dataset<Row> spread(Dataset<Row> rows, long expectedRows) {
    int cores = rows.sparkSession().sparkContext().defaultParallelism();
    long byRows = Math.max(1, (expectedRows + MIN_ROWS_PER_WRITER - 1) / MIN_ROWS_PER_WRITER);
    int writers = (int) Math.max(1, Math.min(cores, byRows));
    return writers < cores ? rows.repartition(writers) : rows.coalesce(writers);
  }

  /** The rows the change's write added: none when it wrote nothing (its snapshot is still the base). */
  private static long addedRows(TableChange change) {
    Snapshot snapshot = change.table().currentSnapshot();
    if (snapshot == null || change.base().equals(Optional.of(snapshot.snapshotId()))) {
      return 0;
    }
    return Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
  }
}
