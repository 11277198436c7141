package io.tidemark.cli.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import io.tidemark.cli.reliability.QuickstartJoin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidemark maintain} on the quickstart join after a life of fills, a part-add, a label run, a tag and three
 * rebuilds, with short retention. The join's table is merge-on-read, so a row-level delete leaves delete files for
 * compaction to apply. Times that retention measures are set by hand where waiting is not an option: an archive's
 * recorded archive time, an orphan file's modification time, and the days of a log table's partitions.
 */
class MaintainCommandTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final String NAMESPACE = "maint";
  private static final TableName OUTPUT = QuickstartJoin.output(NAMESPACE);
  private static final TableName LOG = new TableName(NAMESPACE, OUTPUT.name() + "_logged");
  private static final String MERGE_ON_READ_WITH_SHORTER_ARCHIVES = """
      "outputNamespace": "maint",
          "tableProperties": {"write.merge.mode": "merge-on-read", "write.update.mode": "merge-on-read",
                              "write.delete.mode": "merge-on-read", "tidemark.retention.archive-lifetime": "20d"}""";

  @TempDir
  Path directory;

  @Test
  void keepsEveryTaggedAndRetainedVersionAndRemovesTheRest() throws IOException {
    QuickstartJoin.importData(CATALOG, directory.resolve("data"));
    // Three rebuilds leave three archives: the first and the third are aged past the 20-day lifetime, and the third
    // holds a tag, so only the first is purged.
    backfill(QuickstartJoin.FILTERED_LEFT, "2023-11-01");
    backfill(QuickstartJoin.WITHOUT_RETURNS, "2023-11-01");
    backfill(QuickstartJoin.FILTERED_LEFT, "2023-11-01");
    assertThat(run("audit", "tag", "--conf", conf(QuickstartJoin.FILTERED_LEFT), "--name", "old-left").exitCode())
        .isZero();
    backfill(QuickstartJoin.WITHOUT_RETURNS, "2023-11-04");
    List<TableName> archives = archives();
    assertThat(archives).hasSize(3);
    // Every table, the archives included, has a folder of its own: none is inside another's.
    List<String> folders = new ArrayList<>();
    folders.add(table(OUTPUT).location());
    archives.forEach(archive -> folders.add(table(archive).location()));
    for (String folder : folders) {
      for (String other : folders) {
        assertThat(folder.equals(other) || !(folder + "/").startsWith(other + "/")).as("%s inside %s", folder, other)
            .isTrue();
      }
    }
    assertThat(Set.copyOf(folders)).hasSize(4);
    age(archives.get(0), Duration.ofDays(25));
    age(archives.get(2), Duration.ofDays(25));
    Map<TableName, List<String>> archiveRows = new HashMap<>();
    archives.forEach(archive -> archiveRows.put(archive, contents(archive, null)));

    assertThat(run("audit", "tag", "--conf", conf(QuickstartJoin.WITHOUT_RETURNS), "--name", "model-v1").exitCode())
        .isZero();
    long tagged = table(OUTPUT).currentSnapshot().snapshotId();
    backfill(QuickstartJoin.FULL, "2023-11-06");
    assertThat(run("label", "--conf", conf(QuickstartJoin.FULL), "--label-ds", "2023-11-08").exitCode()).isZero();
    TableName labels = new TableName(NAMESPACE, OUTPUT.name() + "_labels");
    List<String> labelRows = contents(labels, null);
    createLogTable();
    // Tidemark's own fills and part-adds write whole days; a row-level delete (rows removed on request) is what
    // leaves delete files on a merge-on-read table.
    CATALOG.spark().sql("DELETE FROM " + CATALOG.sqlName(OUTPUT) + " WHERE ds = '2023-11-02' AND ts % 7 = 0");

    Table before = table(OUTPUT);
    List<Snapshot> history = new ArrayList<>();
    before.snapshots().forEach(history::add);
    assertThat(history).hasSizeGreaterThan(6);
    long newest = history.get(history.size() - 1).snapshotId();
    long secondNewest = history.get(history.size() - 2).snapshotId();
    Set<Long> retained = Set.of(tagged, newest, secondNewest);
    Map<Long, List<String>> versions = new HashMap<>();
    retained.forEach(id -> versions.put(id, contents(OUTPUT, id)));
    FileCounts filesBefore = files(before);
    assertThat(filesBefore.deleteFiles()).isEqualTo(1);

    Path data = Path.of(URI.create(before.location())).resolve("data").resolve("ds=2023-11-01");
    Path oldOrphan = data.resolve("left-by-a-killed-run.parquet");
    Path youngOrphan = data.resolve("being-written.parquet");
    Files.writeString(oldOrphan, "not a table's file");
    Files.writeString(youngOrphan, "not a table's file yet");
    Files.setLastModifiedTime(oldOrphan, FileTime.from(Instant.now().minus(Duration.ofDays(4))));
    Files.setLastModifiedTime(youngOrphan, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

    Map<TableName, String> metadataBefore = metadataFiles();
    CommandRun dryRun = run("maintain", "--conf", conf(QuickstartJoin.FULL), "--dry-run", "--snapshot-age", "0s",
        "--min-snapshots", "2");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out())
        .contains("maint.quickstart_training_set_v1 (join; snapshots 0s (last 2 kept), partitions kept, archives "
            + "20d, files toward 128.0 MB)\n")
        .contains("  1. compact 1 partitions: 1 data files and 1 delete files, ")
        .contains("expire " + (history.size() - 3) + " snapshots committed ")
        .contains("  4. remove 1 orphan files older than 3d under ")
        .contains("maint.quickstart_training_set_v1_logged (log; snapshots 0s (last 2 kept), partitions 90d")
        .contains("  1. drop 2 partitions older than 90d (")
        .contains("  1. purge the archive (archived ")
        .contains("  - archive kept until ")
        .contains("  - archive kept past its lifetime: old-left holds a version of it\n")
        .endsWith("Dry run: nothing was changed.\n");
    assertThat(metadataFiles()).isEqualTo(metadataBefore);
    assertThat(oldOrphan).exists();

    CommandRun maintain = run("maintain", "--conf", conf(QuickstartJoin.FULL), "--snapshot-age", "0s",
        "--min-snapshots", "2");
    assertThat(maintain.exitCode()).as(maintain.err()).isZero();
    assertThat(maintain.out()).contains(" 1 orphan file(s) removed; 1 archive(s) purged.");

    Table after = table(OUTPUT);
    Set<Long> remaining = new HashSet<>();
    after.snapshots().forEach(snapshot -> remaining.add(snapshot.snapshotId()));
    for (Snapshot old : history) {
      assertThat(remaining.contains(old.snapshotId())).as("snapshot %d", old.snapshotId())
          .isEqualTo(retained.contains(old.snapshotId()));
    }
    for (long id : retained) {
      assertThat(contents(OUTPUT, id)).as("snapshot %d", id).isEqualTo(versions.get(id));
    }
    assertThat(contents(OUTPUT, null)).isEqualTo(versions.get(newest));
    assertThat(after.refs().get("model-v1").snapshotId()).isEqualTo(tagged);
    FileCounts filesAfter = files(after);
    assertThat(filesAfter.deleteFiles()).isZero();
    assertThat(after.currentSnapshot().summary()).containsEntry("total-delete-files", "0");
    // The day with the delete was rewritten into one file without it; the other days keep their one file.
    assertThat(filesAfter.dataFiles()).isEqualTo(filesBefore.dataFiles());
    assertThat(after.properties().get(TableProperties.LAST_MAINTENANCE)).contains("\"snapshots_expired\":"
        + (history.size() - 3)).contains("\"orphan_files_deleted\":1");

    assertThat(oldOrphan).doesNotExist();
    assertThat(youngOrphan).exists();
    assertThat(CATALOG.tableExists(archives.get(0))).isFalse();
    for (TableName kept : archives.subList(1, 3)) {
      assertThat(contents(kept, null)).as("%s", kept).isEqualTo(archiveRows.get(kept));
    }
    assertThat(contents(labels, null)).isEqualTo(labelRows);
    assertThat(CATALOG.spark().sql("SELECT DISTINCT ds FROM " + CATALOG.sqlName(LOG) + " ORDER BY ds")
        .collectAsList().stream().map(row -> row.getString(0)).toList())
        .containsExactly(daysAgo(10), daysAgo(0));
  }

  @Test
  void refusesAnOrphanFloorUnderADay() {
    CommandRun run = run("maintain", "--all", "--orphan-older-than", "23h");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Cannot remove orphan files younger than 1d (asked: 23h): a file that young may "
        + "belong to a commit still in progress. Fix: pass --orphan-older-than 24h or more (default 3d)");
  }

  private void backfill(QuickstartJoin version, String endDs) {
    CommandRun run = run("backfill", "--conf", conf(version), "--start-ds", "2023-11-01", "--end-ds", endDs,
        "--step-days", "1");
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private String conf(QuickstartJoin version) {
    try {
      Path file = version.writeTo(directory, NAMESPACE);
      String text = Files.readString(file);
      Files.writeString(file, text.replace("\"outputNamespace\": \"maint\"", MERGE_ON_READ_WITH_SHORTER_ARCHIVES));
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  private static List<TableName> archives() {
    return CATALOG.icebergCatalog().listTables(Namespace.of(NAMESPACE)).stream()
        .map(id -> new TableName(NAMESPACE, id.name()))
        .filter(name -> name.name().startsWith(OUTPUT.name() + "_archived_"))
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .toList();
  }

  private static void age(TableName archive, Duration age) {
    table(archive).updateProperties()
        .set(TableProperties.ARCHIVED_AT, Instant.now().minus(age).toString())
        .commit();
  }

  /** A log table as the online loop writes it: partitions 100, 95, 10 and 0 days old. */
  private static void createLogTable() {
    CATALOG.spark().sql("CREATE TABLE " + CATALOG.sqlName(LOG) + " (user_id STRING, value BIGINT, ds STRING) USING "
        + "iceberg PARTITIONED BY (ds) TBLPROPERTIES ('" + TableProperties.TABLE_TYPE + "' = 'log')");
    CATALOG.spark().sql("INSERT INTO " + CATALOG.sqlName(LOG) + " VALUES ('u1', 1, '" + daysAgo(100) + "'), ('u2', 2, '"
        + daysAgo(95) + "'), ('u3', 3, '" + daysAgo(10) + "'), ('u4', 4, '" + daysAgo(0) + "')");
  }

  private static String daysAgo(int days) {
    return LocalDate.now(ZoneOffset.UTC).minusDays(days).toString();
  }

  private static Table table(TableName name) {
    return CATALOG.loadTable(name).orElseThrow();
  }

  /** Every row of the table (at a snapshot, or current), as text, sorted. */
  private static List<String> contents(TableName name, Long snapshot) {
    String version = snapshot == null ? "" : " VERSION AS OF " + snapshot;
    return CATALOG.spark().sql("SELECT * FROM " + CATALOG.sqlName(name) + version).collectAsList().stream()
        .map(Row::toString)
        .sorted()
        .collect(Collectors.toList());
  }

  private static Map<TableName, String> metadataFiles() {
    Map<TableName, String> files = new HashMap<>();
    for (var id : CATALOG.icebergCatalog().listTables(Namespace.of(NAMESPACE))) {
      TableName name = new TableName(NAMESPACE, id.name());
      files.put(name, ((HasTableOperations) table(name)).operations().current()
          .metadataFileLocation());
    }
    return files;
  }

  private record FileCounts(long dataFiles, long deleteFiles) {}

  private static FileCounts files(Table table) {
    long data = 0;
    Set<String> deletes = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        data++;
        task.deletes().forEach(delete -> deletes.add(delete.location()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FileCounts(data, deletes.size());
  }
}
