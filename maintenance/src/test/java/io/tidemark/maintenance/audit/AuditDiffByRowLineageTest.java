package io.tidemark.maintenance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Diffs computed by row lineage against the same diffs computed by a full comparison, on small tables whose every
 * expected count is worked out by hand. Rows are {@code (request_id, user_id, score, label, ds)}, keyed by
 * {@code request_id}; the days are 2023-11-01 (day 1) and 2023-11-02 (day 2).
 *
 * <pre>
 * before a change                 the MERGE (merged_cow, merged_mor)
 *   r1 u1 10 a   day 1              r2 score 20 -> 21              changed
 *   r2 u2 20 b   day 1              r3 set to 30, c (what it was)  rewritten, equal
 *   r3 u3 30 c   day 1              r5 deleted                     removed
 *   r4 u1 40 d   day 2              r6 label NULL -> f             changed
 *   r5 u2 50 e   day 2              r7 u4 70 g day 2 inserted      added
 *   r6 u3 60 -   day 2              r8 u5 80 h day 1 inserted      added
 * </pre>
 *
 * Lineage compares the rows a commit wrote or dropped: of {@code to} the 3 updated and 2 inserted rows (5), of
 * {@code from} the 3 updated rows and r5 (4); r1 and r4 keep their row id and sequence number and are only counted.
 */
class AuditDiffByRowLineageTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final String NAMESPACE = "audit_lineage";
  private static final String COLUMNS = "(request_id STRING, user_id STRING, score BIGINT, label STRING, ds STRING)";
  private static final String DAY_1 = "2023-11-01";
  private static final String DAY_2 = "2023-11-02";
  private static final String ROWS = "('r1', 'u1', 10, 'a', '" + DAY_1 + "'), ('r2', 'u2', 20, 'b', '" + DAY_1 + "'), "
      + "('r3', 'u3', 30, 'c', '" + DAY_1 + "'), ('r4', 'u1', 40, 'd', '" + DAY_2 + "'), "
      + "('r5', 'u2', 50, 'e', '" + DAY_2 + "'), ('r6', 'u3', 60, NULL, '" + DAY_2 + "')";
  private static final DiffMethod NOT_CHECKED = new DiffMethod(DiffMethod.Kind.ROW_LINEAGE, Optional.empty(), 0, 0, 0);

  @BeforeAll
  static void createNamespace() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake." + NAMESPACE);
  }

  @Test
  void aCopyOnWriteMergeIsDiffedByLineageExactlyAsByAFullComparison() {
    assertMergeDiffs("merged_cow", "copy-on-write");
  }

  @Test
  void aMergeOnReadMergeIsDiffedByLineageExactlyAsByAFullComparison() {
    assertMergeDiffs("merged_mor", "merge-on-read");
  }

  @Test
  void aDayRewrittenWithTheSameRowsIsComparedButNotCountedAsChanged() throws NoSuchTableException {
    AuditedTable table = create("rewritten", 3, "");
    sql("INSERT INTO " + sqlName("rewritten") + " VALUES " + ROWS);
    AsOf before = AsOf.resolve(table, "main");
    // Day 1 written anew by a DataFrame overwrite, as backfill --recompute writes a day: the same rows but r2's score.
    CATALOG.spark().sql("SELECT * FROM VALUES ('r1', 'u1', 10L, 'a', '" + DAY_1 + "'), "
            + "('r2', 'u2', 22L, 'b', '" + DAY_1 + "'), ('r3', 'u3', 30L, 'c', '" + DAY_1 + "') "
            + "AS v(request_id, user_id, score, label, ds)")
        .writeTo(sqlName("rewritten")).overwritePartitions();
    AsOf after = AsOf.resolve(table, "main");

    SnapshotDiff lineage = SnapshotDiff.between(table, before, after, DiffMode.AUTO);
    SnapshotDiff full = SnapshotDiff.between(table, before, after, DiffMode.FULL);

    // The overwrite gave every row of day 1 a new row id, so none of them keeps its lineage.
    assertThat(rowIds(table, before, DAY_1)).doesNotContainAnyElementsOf(rowIds(table, after, DAY_1));
    assertThat(rowIds(table, before, DAY_2)).isEqualTo(rowIds(table, after, DAY_2));
    assertThat(lineage.addedRows()).isZero();
    assertThat(lineage.removedRows()).isZero();
    assertThat(lineage.matchedRows()).isEqualTo(6);
    // r1 and r3 were rewritten equal; only r2's score differs.
    assertThat(lineage.changedRows()).isEqualTo(1);
    assertThat(lineage.changedValues()).containsExactly(Map.entry("user_id", 0L), Map.entry("score", 1L),
        Map.entry("label", 0L));
    // The 3 rows of day 1 on each side were compared; the 3 of day 2 were only counted.
    assertThat(lineage.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.ROW_LINEAGE, Optional.empty(), 3, 3, 3));
    assertThat(full.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.FULL_COMPARISON,
        Optional.of("a full comparison was asked for"), 6, 6, 0));
    assertThat(withoutMethod(lineage)).isEqualTo(withoutMethod(full));
    assertThat(SnapshotDiff.changedRows(table, before, after, 10, DiffMode.AUTO)).containsExactly(
        new RowChange(RowChange.Kind.CHANGED, key("r2", DAY_1), Map.of("score", new RowChange.Values(20L, 22L))));
  }

  @Test
  void aVersionTwoTableKeepsTheFullComparison() {
    AuditedTable table = create("v2", 2, "");
    sql("INSERT INTO " + sqlName("v2") + " VALUES " + ROWS);
    AsOf before = AsOf.resolve(table, "main");
    sql("UPDATE " + sqlName("v2") + " SET score = 11 WHERE request_id = 'r1'");
    sql("DELETE FROM " + sqlName("v2") + " WHERE request_id = 'r4'");
    AsOf after = AsOf.resolve(table, "main");

    SnapshotDiff diff = SnapshotDiff.between(table, before, after, DiffMode.AUTO);

    assertThat(diff.addedRows()).isZero();
    assertThat(diff.removedRows()).isEqualTo(1);
    assertThat(diff.matchedRows()).isEqualTo(5);
    assertThat(diff.changedRows()).isEqualTo(1);
    assertThat(diff.changedValues()).containsExactly(Map.entry("user_id", 0L), Map.entry("score", 1L),
        Map.entry("label", 0L));
    // Every row of both points: 6 of from, 5 of to.
    assertThat(diff.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.FULL_COMPARISON,
        Optional.of("the table is format version 2, which has no row lineage"), 6, 5, 0));
    assertThat(diff.method().describe())
        .isEqualTo("full comparison on the row key (the table is format version 2, which has no row lineage)");
  }

  @Test
  void aTableUpgradedToVersionThreeIsComparedInFullAcrossTheUpgradeAndByLineageAfterIt() {
    AuditedTable table = create("upgraded", 2, "");
    String name = sqlName("upgraded");
    sql("INSERT INTO " + name + " VALUES " + ROWS);
    AsOf beforeUpgrade = AsOf.resolve(table, "main");
    sql("ALTER TABLE " + name + " SET TBLPROPERTIES ('format-version' = '3')");
    sql("UPDATE " + name + " SET score = 21 WHERE request_id = 'r2'");
    AsOf firstAfter = AsOf.resolve(table, "main");
    sql("UPDATE " + name + " SET label = 'f' WHERE request_id = 'r6'");
    sql("INSERT INTO " + name + " VALUES ('r7', 'u4', 70, 'g', '" + DAY_2 + "')");
    AsOf latest = AsOf.resolve(table, "main");

    SnapshotDiff across = SnapshotDiff.between(table, beforeUpgrade, firstAfter, DiffMode.AUTO);
    SnapshotDiff after = SnapshotDiff.between(table, firstAfter, latest, DiffMode.AUTO);
    SnapshotDiff afterInFull = SnapshotDiff.between(table, firstAfter, latest, DiffMode.FULL);

    // Rows written before the upgrade have no row id at a snapshot from before it, and have one after it.
    assertThat(rowIds(table, beforeUpgrade, DAY_1)).containsOnlyNulls().hasSize(3);
    assertThat(rowIds(table, firstAfter, DAY_1)).doesNotContainNull().hasSize(3);
    assertThat(across.matchedRows()).isEqualTo(6);
    assertThat(across.changedRows()).isEqualTo(1);
    assertThat(across.changedValues()).containsEntry("score", 1L);
    assertThat(across.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.FULL_COMPARISON,
        Optional.of("snapshot " + beforeUpgrade.snapshotId() + " was committed before the table had row lineage"), 6,
        6, 0));
    // After the upgrade: r6 changed (label), r7 added; r1-r5, written before the upgrade, are in both.
    assertThat(after.addedRows()).isEqualTo(1);
    assertThat(after.removedRows()).isZero();
    assertThat(after.matchedRows()).isEqualTo(6);
    assertThat(after.changedRows()).isEqualTo(1);
    assertThat(after.changedValues()).containsExactly(Map.entry("user_id", 0L), Map.entry("score", 0L),
        Map.entry("label", 1L));
    assertThat(after.method().kind()).isEqualTo(DiffMethod.Kind.ROW_LINEAGE);
    assertThat(withoutMethod(after)).isEqualTo(withoutMethod(afterInFull));
  }

  private static void assertMergeDiffs(String tableName, String writeMode) {
    AuditedTable table = create(tableName, 3, ", 'write.merge.mode' = '" + writeMode + "'");
    String name = sqlName(tableName);
    sql("INSERT INTO " + name + " VALUES " + ROWS);
    AsOf before = AsOf.resolve(table, "main");
    sql("MERGE INTO " + name + " t USING (SELECT * FROM VALUES "
        + "('update', 'r2', 'u2', 21L, 'b', '" + DAY_1 + "'), ('update', 'r3', 'u3', 30L, 'c', '" + DAY_1 + "'), "
        + "('delete', 'r5', 'u2', 50L, 'e', '" + DAY_2 + "'), ('update', 'r6', 'u3', 60L, 'f', '" + DAY_2 + "'), "
        + "('insert', 'r7', 'u4', 70L, 'g', '" + DAY_2 + "'), ('insert', 'r8', 'u5', 80L, 'h', '" + DAY_1 + "') "
        + "AS v(op, request_id, user_id, score, label, ds)) s "
        + "ON t.request_id = s.request_id AND t.ds = s.ds "
        + "WHEN MATCHED AND s.op = 'delete' THEN DELETE "
        + "WHEN MATCHED THEN UPDATE SET t.score = s.score, t.label = s.label "
        + "WHEN NOT MATCHED THEN INSERT (request_id, user_id, score, label, ds) "
        + "VALUES (s.request_id, s.user_id, s.score, s.label, s.ds)");
    AsOf after = AsOf.resolve(table, "main");

    SnapshotDiff lineage = SnapshotDiff.between(table, before, after, DiffMode.AUTO);
    SnapshotDiff full = SnapshotDiff.between(table, before, after, DiffMode.FULL);
    SnapshotDiff backByLineage = SnapshotDiff.between(table, after, before, DiffMode.AUTO);
    SnapshotDiff backInFull = SnapshotDiff.between(table, after, before, DiffMode.FULL);

    assertThat(lineage.keyColumns()).containsExactly("request_id", "ds");
    assertThat(lineage.addedRows()).isEqualTo(2);
    assertThat(lineage.removedRows()).isEqualTo(1);
    assertThat(lineage.matchedRows()).isEqualTo(5);
    // r2 and r6; r3 was updated to the values it had.
    assertThat(lineage.changedRows()).isEqualTo(2);
    assertThat(lineage.changedValues()).containsExactly(Map.entry("user_id", 0L), Map.entry("score", 1L),
        Map.entry("label", 1L));
    assertThat(lineage.addedColumns()).isEmpty();
    assertThat(lineage.removedColumns()).isEmpty();
    assertThat(lineage.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.ROW_LINEAGE, Optional.empty(), 4, 5, 2));
    assertThat(lineage.method().describe()).isEqualTo("row lineage: compared 9 rows (5 of to, 4 of from) on the row "
        + "key; 2 rows counted as unchanged by their row id and sequence number");
    // The full comparison compares all 6 rows of from and 7 of to.
    assertThat(full.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.FULL_COMPARISON,
        Optional.of("a full comparison was asked for"), 6, 7, 0));
    assertThat(withoutMethod(lineage)).isEqualTo(withoutMethod(full));
    // Row ids to compare: r2, r3 and r6 (at both points), r5 (from only), r7 and r8 (to only).
    assertThat(SnapshotDiff.between(table, before, after, DiffMode.AUTO, 6).method()).isEqualTo(lineage.method());
    assertThat(SnapshotDiff.between(table, before, after, DiffMode.AUTO, 5).method()).isEqualTo(new DiffMethod(
        DiffMethod.Kind.FULL_COMPARISON, Optional.of("row lineage picks out 6 row ids to compare, more than its limit "
            + "of 5"), 6, 7, 0));

    assertThat(backByLineage.addedRows()).isEqualTo(1);
    assertThat(backByLineage.removedRows()).isEqualTo(2);
    assertThat(backByLineage.matchedRows()).isEqualTo(5);
    assertThat(backByLineage.changedRows()).isEqualTo(2);
    assertThat(backByLineage.method()).isEqualTo(new DiffMethod(DiffMethod.Kind.ROW_LINEAGE, Optional.empty(), 5, 4,
        2));
    assertThat(withoutMethod(backByLineage)).isEqualTo(withoutMethod(backInFull));

    List<RowChange> listed = SnapshotDiff.changedRows(table, before, after, 10, DiffMode.AUTO);
    assertThat(listed).isEqualTo(SnapshotDiff.changedRows(table, before, after, 10, DiffMode.FULL));
    assertThat(listed).containsExactly(
        new RowChange(RowChange.Kind.CHANGED, key("r2", DAY_1), Map.of("score", new RowChange.Values(20L, 21L))),
        new RowChange(RowChange.Kind.REMOVED, key("r5", DAY_2), Map.of("user_id", new RowChange.Values("u2", null),
            "score", new RowChange.Values(50L, null), "label", new RowChange.Values("e", null))),
        new RowChange(RowChange.Kind.CHANGED, key("r6", DAY_2), Map.of("label", new RowChange.Values(null, "f"))),
        new RowChange(RowChange.Kind.ADDED, key("r7", DAY_2), Map.of("user_id", new RowChange.Values(null, "u4"),
            "score", new RowChange.Values(null, 70L), "label", new RowChange.Values(null, "g"))),
        new RowChange(RowChange.Kind.ADDED, key("r8", DAY_1), Map.of("user_id", new RowChange.Values(null, "u5"),
            "score", new RowChange.Values(null, 80L), "label", new RowChange.Values(null, "h"))));
  }

  /** A table of {@link #COLUMNS} partitioned by day, of the format version given, with more properties if given. */
  private static AuditedTable create(String table, int formatVersion, String moreProperties) {
    sql("CREATE TABLE " + sqlName(table) + " " + COLUMNS + " USING iceberg PARTITIONED BY (ds) TBLPROPERTIES "
        + "('format-version' = '" + formatVersion + "'" + moreProperties + ")");
    return new AuditedTable(CATALOG, new TableName(NAMESPACE, table), List.of("request_id"));
  }

  /** The row ids of one day's rows at a point, ordered by request id. */
  private static List<Long> rowIds(AuditedTable table, AsOf asOf, String ds) {
    List<Long> ids = new ArrayList<>();
    for (Row row : CATALOG.spark().sql("SELECT _row_id FROM " + sqlName(table.name().name()) + " VERSION AS OF "
        + asOf.snapshotId() + " WHERE ds = '" + ds + "' ORDER BY request_id").collectAsList()) {
      ids.add(row.isNullAt(0) ? null : row.getLong(0));
    }
    return ids;
  }

  /** The diff with a method that ignores how it was computed, to compare what two ways found. */
  private static SnapshotDiff withoutMethod(SnapshotDiff diff) {
    return new SnapshotDiff(diff.from(), diff.to(), diff.keyColumns(), diff.addedRows(), diff.removedRows(),
        diff.matchedRows(), diff.changedRows(), diff.changedValues(), diff.addedColumns(), diff.removedColumns(),
        NOT_CHECKED);
  }

  private static Map<String, Object> key(String requestId, String ds) {
    return Map.of("request_id", requestId, "ds", ds);
  }

  private static String sqlName(String table) {
    return "lake." + NAMESPACE + "." + table;
  }

  private static void sql(String statement) {
    CATALOG.spark().sql(statement);
  }
}
