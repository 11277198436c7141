package io.tidemark.maintenance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.BackfillResult;
import io.tidemark.engine.JoinBackfill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audits of a join's output over two backfill runs, with every expected value worked out by hand. One GroupBy, SNAPSHOT
 * accuracy (as of the midnight before the checkout), unwindowed: SUM of amount and HISTOGRAM of category. Days are
 * 2023-11-01 (day 1) to 2023-11-04 (day 4), UTC.
 *
 * <pre>
 * purchases                               checkouts (left)       sum  histogram
 *   u1 day 1 09:00 amount 10 book           c1 u1 day 2 12:00      10   {book: 1}
 *   u1 day 2 09:00 amount 5  toy            c2 u2 day 2 13:00       7   {book: 1}
 *   u2 day 1 10:00 amount 7  book           c3 u1 day 3 09:00      15   {book: 1, toy: 1}
 *                                           c4 u2 day 3 10:00       7   {book: 1}
 *                                           c5 u3 day 3 11:00    NULL   NULL
 *                                           c6 u1 day 4 08:00      15   {book: 1, toy: 1}
 * </pre>
 *
 * The run-by-run table {@code audit_runs} is filled by run 1 up to day 3 (c1-c5, 5 rows), tagged {@code model-v1},
 * then by run 2 (day 4: c6). {@code audit_updates} is filled in one run, then a hand-made correction adds 100 to the
 * sum of u1's and u3's rows (c1, c3, c6, c5).
 */
class JoinAuditTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final String TABLE = "audit_checkouts_v1";
  private static final String SUM = "audit_spend_v1_amount_sum";
  private static final String HISTOGRAM = "audit_spend_v1_category_histogram";
  private static final Map<String, Integer> BOOK = Map.of("book", 1);
  private static final Map<String, Integer> BOOK_AND_TOY = Map.of("book", 1, "toy", 1);

  private static final String JOIN = """
      {
        "metaData": {"name": "audit.checkouts.v1", "outputNamespace": "%s"},
        "left": {"events": {"table": "audit_src.checkouts",
                            "query": {"selects": {"checkout_id": "checkout_id", "user_id": "user_id", "ts": "ts"},
                                      "timeColumn": "ts"}}},
        "joinParts": [
          {"groupBy": {
            "metaData": {"name": "audit.spend.v1"},
            "sources": [{"events": {"table": "audit_src.purchases",
                                    "query": {"selects": {"user_id": "user_id", "amount": "amount",
                                                          "category": "category"}, "timeColumn": "ts"}}}],
            "keyColumns": ["user_id"],
            "aggregations": [{"inputColumn": "amount", "operation": "SUM"},
                             {"inputColumn": "category", "operation": "HISTOGRAM"}],
            "accuracy": "SNAPSHOT"}}
        ]
      }
      """;

  @TempDir
  static Path definitions;

  private static AuditedTable runs;
  private static BackfillResult run1;
  private static BackfillResult run2;
  private static Instant run1Started;
  private static Instant run1Finished;
  private static long snapshot1;
  private static long snapshot2;

  private static AuditedTable updates;
  private static long beforeCorrection;
  private static long afterCorrection;

  @BeforeAll
  static void backfillTwoRunsAndCorrectAnotherTable() throws InterruptedException {
    createSources();
    Loaded<Join> join = join("audit_runs");
    run1Started = Instant.now();
    run1 = backfill(join, new BackfillRange(Optional.empty(), day("2023-11-03"), BackfillRange.DEFAULT_STEP_DAYS));
    run1Finished = Instant.now();
    runs = AuditedTable.ofJoin(CATALOG, join);
    snapshot1 = runs.table().currentSnapshot().snapshotId();
    SnapshotTag.createOnCurrent(runs, "model-v1", Optional.empty());
    // Run 2 commits more than a second after run 1, so a time given to the second reads run 1's snapshot.
    Thread.sleep(1_100);
    run2 = backfill(join, BackfillRange.all());
    snapshot2 = runs.table().currentSnapshot().snapshotId();

    Loaded<Join> corrected = join("audit_updates");
    backfill(corrected, BackfillRange.all());
    updates = AuditedTable.ofJoin(CATALOG, corrected);
    beforeCorrection = updates.table().currentSnapshot().snapshotId();
    Map<String, String> summary = Map.of(TableProperties.RUN_ID, "manual-fix-1", TableProperties.ACTION,
        "correction", TableProperties.DEFINITION_HASH, "0123abcd");
    CommitMetadata.withCommitProperties(summary, () -> {
      sql("UPDATE lake.audit_updates." + TABLE + " SET " + SUM + " = coalesce(" + SUM + ", 0) + 100 "
          + "WHERE user_id IN ('u1', 'u3')");
      return null;
    }, RuntimeException.class);
    afterCorrection = updates.table().currentSnapshot().snapshotId();
  }

  @Test
  void historyListsBothBackfillCommitsOldestFirstWithTheirRunsAndDays() {
    TableHistory history = TableHistory.of(runs);

    assertThat(history.table()).isEqualTo(new TableName("audit_runs", TABLE));
    assertThat(history.entries()).hasSize(2);
    HistoryEntry first = history.entries().get(0);
    assertThat(first.snapshotId()).isEqualTo(snapshot1);
    assertThat(first.committedAt()).isBetween(run1Started, run1Finished);
    // Run 1 created the table together with its rows: an append.
    assertThat(first.operation()).isEqualTo("append");
    assertThat(first.runId()).contains(run1.runId());
    assertThat(first.action()).contains("backfill");
    assertThat(first.dsRange()).contains("2023-11-02..2023-11-03");
    assertThat(first.addedRecords()).isEqualTo(5);
    assertThat(first.deletedRecords()).isZero();
    // No bootstrap parts: every row was computed.
    assertThat(first.coverage()).contains("audit_spend_v1: 5 computed");
    assertThat(first.tags()).containsExactly("model-v1");

    HistoryEntry second = history.entries().get(1);
    assertThat(second.snapshotId()).isEqualTo(snapshot2);
    assertThat(second.committedAt()).isAfter(first.committedAt().plusSeconds(1));
    assertThat(second.runId()).contains(run2.runId());
    assertThat(second.dsRange()).contains("2023-11-04..2023-11-04");
    // Run 2 merged into the day it filled only, so no file was rewritten.
    assertThat(second.addedRecords()).isEqualTo(1);
    assertThat(second.deletedRecords()).isZero();
    assertThat(second.coverage()).contains("audit_spend_v1: 1 computed");
  }

  @Test
  void historyShowsWhatAHandMadeCommitRecorded() {
    List<HistoryEntry> entries = TableHistory.of(updates).entries();

    assertThat(entries).extracting(HistoryEntry::snapshotId).containsExactly(beforeCorrection, afterCorrection);
    HistoryEntry correction = entries.get(1);
    assertThat(correction.runId()).contains("manual-fix-1");
    assertThat(correction.action()).contains("correction");
    assertThat(correction.definitionHash()).contains("0123abcd");
    assertThat(correction.dsRange()).isEmpty();
    assertThat(correction.coverage()).isEmpty();
    // The UPDATE rewrote the files holding u1's and u3's rows.
    assertThat(correction.operation()).isEqualTo("overwrite");
  }

  @Test
  void readsTheFirstRunsRowsBySnapshotId() {
    AsOf asOf = AsOf.resolve(runs, Long.toString(snapshot1));

    assertThat(asOf.kind()).isEqualTo(AsOf.Kind.SNAPSHOT_ID);
    assertThat(asOf.snapshotId()).isEqualTo(snapshot1);
    assertThat(rows(AsOfReader.read(runs, asOf))).containsExactly(
        row("c1", 10L, BOOK, "2023-11-02"),
        row("c2", 7L, BOOK, "2023-11-02"),
        row("c3", 15L, BOOK_AND_TOY, "2023-11-03"),
        row("c4", 7L, BOOK, "2023-11-03"),
        row("c5", null, null, "2023-11-03"));
  }

  @Test
  void readsTheSnapshotThatWasCurrentAtATime() {
    Instant committed1 = Instant.ofEpochMilli(runs.table().snapshot(snapshot1).timestampMillis());
    Instant committed2 = Instant.ofEpochMilli(runs.table().snapshot(snapshot2).timestampMillis());
    // The next whole second: still before run 2, which committed more than a second after run 1.
    Instant nextSecond = committed1.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    String spaced = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(nextSecond);

    AsOf exact = AsOf.resolve(runs, committed1.toString());
    AsOf bySecond = AsOf.resolve(runs, spaced);

    assertThat(exact.kind()).isEqualTo(AsOf.Kind.TIME);
    assertThat(exact.snapshotId()).isEqualTo(snapshot1);
    assertThat(bySecond.kind()).isEqualTo(AsOf.Kind.TIME);
    assertThat(bySecond.snapshotId()).isEqualTo(snapshot1);
    assertThat(rows(AsOfReader.read(runs, bySecond))).extracting(row -> row.get(0))
        .containsExactly("c1", "c2", "c3", "c4", "c5");
    assertThat(AsOf.resolve(runs, committed2.minusMillis(1).toString()).snapshotId()).isEqualTo(snapshot1);
    assertThat(AsOf.resolve(runs, committed2.toString()).snapshotId()).isEqualTo(snapshot2);
    assertThat(AsOf.resolve(runs, Instant.now().toString()).snapshotId()).isEqualTo(snapshot2);
  }

  @Test
  void aTagMadeAfterTheFirstRunStillReadsItsRowsAfterTheSecond() {
    AsOf tagged = AsOf.resolve(runs, "model-v1");
    AsOf main = AsOf.resolve(runs, "main");

    assertThat(tagged.kind()).isEqualTo(AsOf.Kind.TAG);
    assertThat(tagged.snapshotId()).isEqualTo(snapshot1);
    assertThat(tagged.describe()).isEqualTo("snapshot " + snapshot1 + " (tag model-v1), committed "
        + Instant.ofEpochMilli(runs.table().snapshot(snapshot1).timestampMillis()));
    assertThat(rows(AsOfReader.read(runs, tagged))).extracting(row -> row.get(0))
        .containsExactly("c1", "c2", "c3", "c4", "c5");
    assertThat(main.kind()).isEqualTo(AsOf.Kind.BRANCH);
    assertThat(main.snapshotId()).isEqualTo(snapshot2);
    assertThat(rows(AsOfReader.read(runs, main))).extracting(row -> row.get(0))
        .containsExactly("c1", "c2", "c3", "c4", "c5", "c6");
  }

  @Test
  void readsOneDayAsOfASnapshot() {
    AsOf tagged = AsOf.resolve(runs, "model-v1");

    assertThat(rows(AsOfReader.read(runs, tagged, "2023-11-03"))).extracting(row -> row.get(0))
        .containsExactly("c3", "c4", "c5");
    assertThat(rows(AsOfReader.read(runs, tagged, "2023-11-04"))).isEmpty();
    assertThatThrownBy(() -> AsOfReader.read(runs, tagged, "2023-11-4"))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-201 Invalid day 2023-11-4. Fix: write days as yyyy-MM-dd, e.g. 2023-11-01");
  }

  @Test
  void unknownAsOfSaysWhatItAcceptsAndListsTheTags() {
    String expected = "TM-210 Cannot find '%s' in audit_runs.audit_checkouts_v1: it is not a snapshot id of the table, a "
        + "time, or a tag or branch of the table. Fix: give a snapshot id (tidemark audit history lists them), a time "
        + "in UTC (2026-11-21T10:15:30Z, 2026-11-21 10:15:30 or 2026-11-21), or one of the table's tags: model-v1";

    assertThatThrownBy(() -> AsOf.resolve(runs, "model-v9"))
        .isInstanceOfSatisfying(TidemarkException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_ARGUMENT))
        .hasMessage(String.format(expected, "model-v9"));
    assertThatThrownBy(() -> AsOf.resolve(runs, "12345"))
        .hasMessage(String.format(expected, "12345"));
    assertThatThrownBy(() -> AsOf.resolve(runs, "1234567890123456789012345"))
        .hasMessage(String.format(expected, "1234567890123456789012345"));
    assertThatThrownBy(() -> AsOf.resolve(runs, "2023-11-31"))
        .hasMessage(String.format(expected, "2023-11-31"));
  }

  @Test
  void aTimeBeforeTheFirstCommitNamesNoSnapshot() {
    Instant first = Instant.ofEpochMilli(runs.table().snapshot(snapshot1).timestampMillis());

    assertThatThrownBy(() -> AsOf.resolve(runs, "2000-01-01"))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-210 No snapshot of audit_runs.audit_checkouts_v1 was current at 2000-01-01T00:00:00Z "
            + "('2000-01-01'): its oldest snapshot was committed at " + first + ". Fix: give a time at or after "
            + first + ", or a snapshot id from tidemark audit history");
  }

  @Test
  void diffFromTheFirstRunToTheSecondAddsDayFourAndChangesNothing() {
    AsOf tagged = AsOf.resolve(runs, "model-v1");
    AsOf main = AsOf.resolve(runs, "main");
    SnapshotDiff diff = SnapshotDiff.between(runs, tagged, main, DiffMode.AUTO);
    SnapshotDiff back = SnapshotDiff.between(runs, main, tagged, DiffMode.AUTO);

    assertThat(diff.keyColumns()).containsExactly(Names.ROW_KEY_COLUMN, "ds");
    assertThat(diff.addedRows()).isEqualTo(1);
    assertThat(diff.removedRows()).isZero();
    assertThat(diff.matchedRows()).isEqualTo(5);
    assertThat(diff.changedRows()).isZero();
    assertThat(diff.changedValues()).containsExactly(Map.entry("checkout_id", 0L), Map.entry("user_id", 0L),
        Map.entry("ts", 0L), Map.entry(SUM, 0L), Map.entry(HISTOGRAM, 0L), Map.entry(Names.PROVENANCE_COLUMN, 0L));
    assertThat(diff.addedColumns()).isEmpty();
    assertThat(diff.removedColumns()).isEmpty();
    assertThat(back.addedRows()).isZero();
    assertThat(back.removedRows()).isEqualTo(1);
    assertThat(back.matchedRows()).isEqualTo(5);
    // Run 2 added c6 without touching c1-c5, which keep their row ids and sequence numbers.
    assertThat(diff.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.ROW_LINEAGE, Optional.empty(), 0, 1, 5));
    assertThat(back.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.ROW_LINEAGE, Optional.empty(), 1, 0, 5));
  }

  @Test
  void diffCountsOnlyTheValuesAnUpdateChanged() {
    SnapshotDiff diff = SnapshotDiff.between(updates, AsOf.resolve(updates, Long.toString(beforeCorrection)),
        AsOf.resolve(updates, Long.toString(afterCorrection)), DiffMode.AUTO);

    assertThat(diff.addedRows()).isZero();
    assertThat(diff.removedRows()).isZero();
    assertThat(diff.matchedRows()).isEqualTo(6);
    // c1 10 -> 110, c3 15 -> 115, c6 15 -> 115 (u1), c5 NULL -> 100 (u3).
    assertThat(diff.changedRows()).isEqualTo(4);
    assertThat(diff.changedValues()).containsExactly(Map.entry("checkout_id", 0L), Map.entry("user_id", 0L),
        Map.entry("ts", 0L), Map.entry(SUM, 4L), Map.entry(HISTOGRAM, 0L), Map.entry(Names.PROVENANCE_COLUMN, 0L));
    // The UPDATE gave its 4 rows a new sequence number; c2 and c4 (u2) were not compared.
    assertThat(diff.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.ROW_LINEAGE, Optional.empty(), 4, 4, 2));
  }

  @Test
  void diffListsColumnsOnlyOneSideHasAndComparesMapsByTheirEntries() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.audit_columns");
    sql("CREATE TABLE lake.audit_columns.scores (request_id STRING, score BIGINT, labels MAP<STRING, INT>, "
        + "ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.audit_columns.scores VALUES ('r1', 1, map('a', 1, 'b', 2), '2023-11-02'), "
        + "('r2', 2, map('a', 1), '2023-11-02'), ('r3', 3, NULL, '2023-11-03')");
    AuditedTable scores = new AuditedTable(CATALOG, new TableName("audit_columns", "scores"), List.of("request_id"));
    AsOf before = AsOf.resolve(scores, "main");
    // r1: the same entries in another order; r2: another value; r3 removed; r4 added; score dropped; note added.
    sql("UPDATE lake.audit_columns.scores SET labels = map('b', 2, 'a', 1) WHERE request_id = 'r1'");
    sql("UPDATE lake.audit_columns.scores SET labels = map('a', 2) WHERE request_id = 'r2'");
    sql("DELETE FROM lake.audit_columns.scores WHERE request_id = 'r3'");
    sql("ALTER TABLE lake.audit_columns.scores DROP COLUMN score");
    sql("ALTER TABLE lake.audit_columns.scores ADD COLUMN note STRING");
    sql("INSERT INTO lake.audit_columns.scores VALUES ('r4', NULL, '2023-11-03', 'new')");
    AsOf after = AsOf.resolve(scores, "main");

    SnapshotDiff diff = SnapshotDiff.between(scores, before, after, DiffMode.AUTO);
    SnapshotDiff back = SnapshotDiff.between(scores, after, before, DiffMode.AUTO);

    assertThat(diff.keyColumns()).containsExactly("request_id", "ds");
    assertThat(diff.addedRows()).isEqualTo(1);
    assertThat(diff.removedRows()).isEqualTo(1);
    assertThat(diff.matchedRows()).isEqualTo(2);
    assertThat(diff.changedRows()).isEqualTo(1);
    assertThat(diff.changedValues()).containsExactly(Map.entry("labels", 1L));
    assertThat(diff.addedColumns()).containsExactly("note");
    assertThat(diff.removedColumns()).containsExactly("score");
    assertThat(back.addedColumns()).containsExactly("score");
    assertThat(back.removedColumns()).containsExactly("note");
  }

  @Test
  void aTagNameInUseIsRefusedAndTheTagStays() {
    assertThatThrownBy(() -> SnapshotTag.createOnCurrent(runs, "model-v1", Optional.empty()))
        .isInstanceOfSatisfying(TidemarkException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_ARGUMENT))
        .hasMessage("TM-211 Cannot tag audit_runs.audit_checkouts_v1 as model-v1: the tag model-v1 already exists, on "
            + "snapshot " + snapshot1 + ". Fix: pick another name; tags are never moved, so model-v1 keeps naming "
            + "what it names");
    assertThatThrownBy(() -> SnapshotTag.createOnCurrent(runs, "main", Optional.empty()))
        .hasMessage("TM-211 Cannot tag audit_runs.audit_checkouts_v1 as main: the branch main already exists, on snapshot "
            + snapshot2 + ". Fix: pick another name; tags are never moved, so main keeps naming what it names");
    assertThat(runs.table().refs().get("model-v1").snapshotId()).isEqualTo(snapshot1);
  }

  @Test
  void tagNamesThatAsOfWouldNotReadBackAreRefused() {
    assertThatThrownBy(() -> SnapshotTag.createOnCurrent(runs, "2026-11-21", Optional.empty()))
        .hasMessage("TM-211 Cannot tag audit_runs.audit_checkouts_v1 as 2026-11-21: --as-of could read a name like this as "
            + "a snapshot id or a time instead of the tag. Fix: pick a name that starts with a letter, such as "
            + "model-2026-11-21");
    assertThatThrownBy(() -> SnapshotTag.createOnCurrent(runs, "20261121", Optional.empty()))
        .hasMessageStartingWith("TM-211 Cannot tag audit_runs.audit_checkouts_v1 as 20261121: --as-of could read");
    assertThatThrownBy(() -> SnapshotTag.createOnCurrent(runs, " model-v2", Optional.empty()))
        .hasMessage("TM-211 Cannot tag audit_runs.audit_checkouts_v1 as ' model-v2': a tag name cannot be blank, nor start or "
            + "end with blanks (--as-of reads text without them). Fix: pick a name such as model-v3");
    assertThat(runs.table().refs()).containsOnlyKeys("main", "model-v1");
  }

  @Test
  void aTagWithRetentionNamesTheCurrentSnapshotForThatManyDays() {
    long current = updates.table().currentSnapshot().snapshotId();

    SnapshotTag tag = SnapshotTag.createOnCurrent(updates, "reviewed", Optional.of(Duration.ofDays(30)));

    assertThat(tag.snapshotId()).isEqualTo(current);
    SnapshotRef ref = updates.table().refs().get("reviewed");
    assertThat(ref.isTag()).isTrue();
    assertThat(ref.snapshotId()).isEqualTo(current);
    // 30 days of 86,400,000 ms.
    assertThat(ref.maxRefAgeMs()).isEqualTo(2_592_000_000L);
    assertThat(AsOf.resolve(updates, "reviewed").snapshotId()).isEqualTo(current);
  }

  @Test
  void aTableWithoutSnapshotsHasNoHistoryAndCannotBeTaggedOrRead() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.audit_empty");
    sql("CREATE TABLE lake.audit_empty." + TABLE + " (checkout_id STRING, tidemark_row_key STRING, ds STRING) "
        + "USING iceberg");
    AuditedTable empty = AuditedTable.ofJoin(CATALOG, join("audit_empty"));

    assertThat(TableHistory.of(empty).entries()).isEmpty();
    assertThatThrownBy(() -> SnapshotTag.createOnCurrent(empty, "model-v1", Optional.empty()))
        .hasMessage("TM-210 Cannot tag audit_empty.audit_checkouts_v1: the table has no snapshot yet. Fix: run tidemark "
            + "backfill first");
    assertThatThrownBy(() -> AsOf.resolve(empty, "main"))
        .hasMessage("TM-210 audit_empty.audit_checkouts_v1 has no snapshot yet, so 'main' names nothing in it. Fix: run "
            + "tidemark backfill first");
  }

  @Test
  void aJoinWithoutItsOutputTableCannotBeAudited() {
    Loaded<Join> join = join("audit_missing");

    assertThatThrownBy(() -> AuditedTable.ofJoin(CATALOG, join))
        .isInstanceOfSatisfying(TidemarkException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_ARGUMENT))
        .hasMessage("TM-203 Cannot audit audit.checkouts.v1: its output table audit_missing.audit_checkouts_v1 does not "
            + "exist. Fix: run tidemark backfill --conf " + join.file() + " first");
  }

  @Test
  void listsTheArchivesOfATableOldestFirst() {
    Loaded<Join> join = join("audit_archive");
    backfill(join, BackfillRange.all());
    TableName output = Names.joinOutputTable(join.definition());
    Instant archivedAt = Instant.parse("2026-11-20T08:00:00Z");
    TableName renamed = Names.archiveTable(output, archivedAt);
    CATALOG.icebergCatalog().renameTable(identifier(output), identifier(renamed));
    CATALOG.loadTable(renamed).orElseThrow().updateProperties()
        .set(TableProperties.ARCHIVED_FROM, "audit_archive.audit_checkouts_v1")
        .set(TableProperties.ARCHIVED_AT, "2026-11-20T08:00:00Z")
        .set(TableProperties.ARCHIVE_REASON, "the left source changed")
        .commit();
    // An older archive without a reason, and four tables that are not archives of the output.
    sql("CREATE TABLE lake.audit_archive." + TABLE + "_archived_20261001000000 (x INT) USING iceberg TBLPROPERTIES ("
        + "'tidemark.archived-from' = 'audit_archive.audit_checkouts_v1', "
        + "'tidemark.archived-at' = '2026-10-01T00:00:00Z')");
    sql("INSERT INTO lake.audit_archive." + TABLE + "_archived_20261001000000 VALUES (1), (2)");
    sql("CREATE TABLE lake.audit_archive." + TABLE + "_archived_20261015000000 (x INT) USING iceberg TBLPROPERTIES ("
        + "'tidemark.archived-from' = 'other.audit_checkouts_v1')");
    sql("CREATE TABLE lake.audit_archive." + TABLE + "_archived_latest (x INT) USING iceberg TBLPROPERTIES ("
        + "'tidemark.archived-from' = 'audit_archive.audit_checkouts_v1')");
    sql("CREATE TABLE lake.audit_archive." + TABLE + "_archived_20261399999999 (x INT) USING iceberg TBLPROPERTIES ("
        + "'tidemark.archived-from' = 'audit_archive.audit_checkouts_v1')");
    sql("CREATE TABLE lake.audit_archive." + TABLE + "_copy (x INT) USING iceberg TBLPROPERTIES ("
        + "'tidemark.archived-from' = 'audit_archive.audit_checkouts_v1')");

    List<ArchivedTable> archives = TableArchives.list(CATALOG, output);

    assertThat(renamed.name()).isEqualTo("audit_checkouts_v1_archived_20261120080000");
    assertThat(CATALOG.tableExists(output)).isFalse();
    assertThat(archives).containsExactly(
        new ArchivedTable(new TableName("audit_archive", "audit_checkouts_v1_archived_20261001000000"),
            Instant.parse("2026-10-01T00:00:00Z"), Optional.empty(), 2),
        new ArchivedTable(renamed, archivedAt, Optional.of("the left source changed"), 6));
    assertThat(TableArchives.list(CATALOG, new TableName("audit_nowhere", TABLE))).isEmpty();
  }

  private static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.audit_src");
    sql("CREATE TABLE lake.audit_src.purchases (user_id STRING, amount BIGINT, category STRING, ts BIGINT, "
        + "ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.audit_src.purchases VALUES "
        + "('u1', 10, 'book', " + millis("2023-11-01T09:00:00Z") + ", '2023-11-01'), "
        + "('u1', 5, 'toy', " + millis("2023-11-02T09:00:00Z") + ", '2023-11-02'), "
        + "('u2', 7, 'book', " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01')");
    sql("CREATE TABLE lake.audit_src.checkouts (checkout_id STRING, user_id STRING, ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.audit_src.checkouts VALUES "
        + "('c1', 'u1', " + millis("2023-11-02T12:00:00Z") + ", '2023-11-02'), "
        + "('c2', 'u2', " + millis("2023-11-02T13:00:00Z") + ", '2023-11-02'), "
        + "('c3', 'u1', " + millis("2023-11-03T09:00:00Z") + ", '2023-11-03'), "
        + "('c4', 'u2', " + millis("2023-11-03T10:00:00Z") + ", '2023-11-03'), "
        + "('c5', 'u3', " + millis("2023-11-03T11:00:00Z") + ", '2023-11-03'), "
        + "('c6', 'u1', " + millis("2023-11-04T08:00:00Z") + ", '2023-11-04')");
  }

  private static Loaded<Join> join(String outputNamespace) {
    try {
      Path file = definitions.resolve("joins/audit/" + outputNamespace + ".v1");
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.format(JOIN, outputNamespace));
      return DefinitionLoader.loadJoin(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BackfillResult backfill(Loaded<Join> join, BackfillRange range) {
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    return backfill.run(backfill.plan(range), BackfillListener.NONE);
  }

  /** Checkout id, sum, histogram and ds of each row, ordered by ds and checkout id. */
  private static List<List<Object>> rows(Dataset<Row> rows) {
    List<List<Object>> values = new ArrayList<>();
    for (Row row : rows.select("checkout_id", SUM, HISTOGRAM, "ds").orderBy("ds", "checkout_id").collectAsList()) {
      values.add(row(row.getString(0), row.isNullAt(1) ? null : row.getLong(1),
          row.isNullAt(2) ? null : new LinkedHashMap<>(row.<String, Integer>getJavaMap(2)), row.getString(3)));
    }
    return values;
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static TableIdentifier identifier(TableName table) {
    return TableIdentifier.of(Namespace.of(table.namespace()), table.name());
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static void sql(String statement) {
    CATALOG.spark().sql(statement);
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
