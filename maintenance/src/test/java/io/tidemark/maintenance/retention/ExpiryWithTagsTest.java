package io.tidemark.maintenance.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The history of Iceberg's issue 13568: a tag on an old snapshot that ends (its maximum age passed) in the same expiry
 * that removes the snapshots after it, one of which added files that a later commit rewrote into another manifest.
 * Iceberg's incremental file cleanup (chosen when one ref is left after expiry) took the manifest that added those
 * files for one to revert and deleted files the current snapshot still reads. {@code maintain} expires through
 * Spark's action, which deletes only what no remaining snapshot reaches; this scenario checks that every version it
 * keeps is still whole.
 */
class ExpiryWithTagsTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final TableName TABLE = new TableName("expiry_tags", "events");

  @Test
  void anEndingTagAndARewrittenManifestLeaveEveryKeptVersionWhole() throws Exception {
    CATALOG.createNamespaceIfMissing(TABLE.namespace());
    String name = CATALOG.sqlName(TABLE);
    CATALOG.spark().sql("CREATE TABLE " + name + " (id BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds) "
        + "TBLPROPERTIES ('" + TableProperties.TABLE_TYPE + "' = '" + TableType.SOURCE.propertyValue() + "', "
        + "'write.delete.mode' = 'copy-on-write')");
    // S1 adds day 1; a tag holds it, for a millisecond.
    CATALOG.spark().sql("INSERT INTO " + name + " VALUES (1, '2023-11-01')");
    Table table = CATALOG.loadTable(TABLE).orElseThrow();
    long first = table.currentSnapshot().snapshotId();
    table.manageSnapshots().createTag("short-lived", first)
        .setMaxRefAgeMs("short-lived", 1).commit();
    // S2 adds days 2 and 3 in one manifest; a longer-lived tag holds it.
    CATALOG.spark().sql("INSERT INTO " + name + " VALUES (2, '2023-11-02'), (3, '2023-11-03')");
    table.refresh();
    long second = table.currentSnapshot().snapshotId();
    table.manageSnapshots().createTag("kept", second).commit();
    // S3 deletes day 3: the manifest of S2 is rewritten, day 2's file carried over into a new one.
    CATALOG.spark().sql("DELETE FROM " + name + " WHERE ds = '2023-11-03'");
    Thread.sleep(5);
    table.refresh();
    List<String> currentFiles = dataFiles(table);
    List<Row> currentRows = CATALOG.spark().sql("SELECT id, ds FROM " + name + " ORDER BY id").collectAsList();
    List<Row> keptRows = CATALOG.spark().sql("SELECT id, ds FROM " + name + " VERSION AS OF 'kept' ORDER BY id")
        .collectAsList();

    MaintenanceOptions options = new MaintenanceOptions(Instant.now(), MaintenanceOptions.DEFAULT_ORPHAN_FLOOR,
        RetentionOverrides.fromOptions(Map.of(RetentionSetting.SNAPSHOT_AGE, "0s",
            RetentionSetting.MIN_SNAPSHOTS, "1")));
    MaintenancePlan plan = new MaintenancePlanner(CATALOG).plan(
        List.of(new MaintainedTable(TABLE, RetentionOverrides.none())), options);
    new MaintenanceRunner(CATALOG, Clock.systemUTC()).run(plan, MaintenanceListener.NONE);

    table.refresh();
    assertThat(table.refs()).containsOnlyKeys("main", "kept");
    List<Long> snapshots = new ArrayList<>();
    table.snapshots().forEach(snapshot -> snapshots.add(snapshot.snapshotId()));
    assertThat(snapshots).as("the first snapshot, held only by the ended tag, is gone").doesNotContain(first)
        .contains(second);
    for (String file : currentFiles) {
      assertThat(Files.exists(Path.of(URI.create(file)))).as(file).isTrue();
    }
    assertThat(CATALOG.spark().sql("SELECT id, ds FROM " + name + " ORDER BY id").collectAsList())
        .isEqualTo(currentRows).extracting(row -> row.getLong(0)).containsExactly(1L, 2L);
    assertThat(CATALOG.spark().sql("SELECT id, ds FROM " + name + " VERSION AS OF 'kept' ORDER BY id")
        .collectAsList()).isEqualTo(keptRows).extracting(row -> row.getLong(0)).containsExactly(1L, 2L, 3L);
  }

  private static List<String> dataFiles(Table table) throws Exception {
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        files.add(file.location());
      }
    }
    return files;
  }
}
