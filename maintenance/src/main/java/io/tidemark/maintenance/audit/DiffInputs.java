package io.tidemark.maintenance.audit;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The rows of two points of a table that a diff matches on the row key and compares on their values, and the rows it
 * may count as in both without comparing them.
 *
 * <p>A full comparison takes every row of both points. Where both points have Iceberg row lineage, only the rows that
 * lineage shows changed are taken. Every row of a format version 3 table has a {@code _row_id}, unique in the table,
 * and a {@code _last_updated_sequence_number}, the sequence number of the commit that last wrote its values; Spark
 * reads both as metadata columns, at any snapshot ({@code VERSION AS OF}). A row whose row id and sequence number are
 * the same at both points holds the same values at both: a commit that changes a row's values gives it the commit's
 * sequence number. Such a row is in both points and unchanged, whatever the row key says, so it is only counted. Every
 * other row is compared: a row of either point whose row id the other point lacks (added, removed, or written anew
 * under a new row id), a row whose sequence number differs (updated, possibly to the same values), and a row without
 * a row id. This is the rule "a row of {@code to} last updated after {@code from}'s sequence number is a candidate,
 * a row of {@code from} whose row id {@code to} lacks is removed", checked in both directions, so it also holds when
 * {@code to} is older than {@code from} or on another branch, and when a rewrite gave rows new row ids but kept the
 * files' old sequence numbers.
 *
 * <p>A first Spark job joins only the row ids and sequence numbers of both points, keeps the result (a flag and a
 * row id per row) and counts. The rows to compare are then filtered where they are read, by a broadcast of their
 * row ids taken from the kept result, so the unchanged rows are never shuffled or joined. Every row of both points is still read (Iceberg cannot skip files by row id), so the saving is the
 * shuffle and the join of the unchanged rows: large for wide rows and small changes, none for a small table. More
 * than {@link #MAX_ROW_IDS_TO_COMPARE} row ids to compare get a full comparison instead.
 *
 * <p>What this relies on, from the Iceberg table spec's "Row Lineage" section and Iceberg 1.12's Spark writers:
 * <ul>
 *   <li>{@code MERGE INTO}, {@code UPDATE} and {@code DELETE} (copy-on-write and merge-on-read) copy the row id of
 *       every row they move, set the sequence number of the rows they update to the commit's, and keep it for rows
 *       they carry over unchanged into a rewritten file. An update that sets a value to what it was still takes the
 *       new sequence number: such a row is compared, and found unchanged.
 *   <li>Appends, {@code INSERT OVERWRITE} and DataFrame {@code overwritePartitions} (Tidemark's own backfill writes)
 *       write no lineage: every row they write gets a new row id and the commit's sequence number, even a row equal
 *       to one it replaced. Such rows are compared, matched on the row key, and count as changed only where a value
 *       differs.
 *   <li>Compaction ({@code rewrite_data_files}, as {@code tidemark maintain} runs it) keeps both fields, so the rows
 *       it moves stay unchanged.
 *   <li>Rows written before a table was upgraded to version 3 have no row id in the snapshots committed before the
 *       upgrade (their {@code first-row-id} is null); the first commit after the upgrade assigns ids to every file.
 *       A point committed before the upgrade therefore gets a full comparison, and a row that has no row id anyway is
 *       compared.
 * </ul>
 * Both ways give the same diff as long as the key columns identify a row within its {@code ds} at each point, as a
 * row key does.
 */
final class DiffInputs {
  /**
   * The most row ids lineage picks out to compare. The rows to compare are picked by a broadcast of their row ids,
   * which must fit in memory; past this many changed rows, a change touched so much of the table that comparing
   * every row costs about as much anyway.
   */
  static final long MAX_ROW_IDS_TO_COMPARE = 1_000_000;
  private static final String ROW_ID = "tidemark_lineage_row_id";
  private static final String SEQUENCE = "tidemark_lineage_sequence";
  private static final String UNCHANGED = "tidemark_lineage_unchanged";
  private static final String COMPARE = "compare_" + ROW_ID;

  private final Dataset<Row> before;
  private final Dataset<Row> after;
  private final Optional<String> fallbackReason;
  private final long unchangedRows;

  private DiffInputs(Dataset<Row> before, Dataset<Row> after, Optional<String> fallbackReason, long unchangedRows) {
    this.before = before;
    this.after = after;
    this.fallbackReason = fallbackReason;
    this.unchangedRows = unchangedRows;
  }

  /**
   * The rows to compare between the two points: for row lineage, after one Spark job that joins the row ids and
   * sequence numbers of both points (nothing else of the rows is read) and counts the rows to compare and the rows
   * unchanged; more than {@code maxRowIdsToCompare} rows to compare get a full comparison.
   */
  static DiffInputs of(AuditedTable audited, AsOf from, AsOf to, DiffMode mode, long maxRowIdsToCompare) {
    Optional<String> noLineage = mode == DiffMode.FULL
        ? Optional.of("a full comparison was asked for")
        : whyNoLineage(audited.table(), from, to);
    if (noLineage.isPresent()) {
      return full(audited, from, to, noLineage.get());
    }
    Dataset<Row> fromRows = AsOfReader.readWithRowLineage(audited, from, ROW_ID, SEQUENCE);
    Dataset<Row> toRows = AsOfReader.readWithRowLineage(audited, to, ROW_ID, SEQUENCE);
    // Joined once and kept, so that the counts below and every later query of the diff (its counts, --rows) read
    // the pairs instead of joining the two points' lineage again.
    Dataset<Row> pairs = lineage(fromRows, "from_").join(lineage(toRows, "to_"),
            col("from_" + ROW_ID).equalTo(col("to_" + ROW_ID)), "full_outer")
        .select(unchanged().as(UNCHANGED), coalesce(col("from_" + ROW_ID), col("to_" + ROW_ID)).as(COMPARE))
        .localCheckpoint();
    Row counts = pairs.agg(count(when(col(UNCHANGED), 1)), count(when(not(col(UNCHANGED)), 1))).first();
    long unchanged = counts.getLong(0);
    long toCompare = counts.getLong(1);
    if (toCompare > maxRowIdsToCompare) {
      return full(audited, from, to, String.format("row lineage picks out %,d row ids to compare, more than its "
          + "limit of %,d", toCompare, maxRowIdsToCompare));
    }
    // The row ids to compare, and NULL, so that a row without a row id is compared too. Broadcast, so that the rows
    // of both points are only filtered where they are read, never shuffled whole.
    Dataset<Row> rowIds = broadcast(pairs.where(not(col(UNCHANGED))).select(COMPARE)
        .union(fromRows.sparkSession().range(1).select(lit(null).cast(DataTypes.LongType).as(COMPARE))));
    return new DiffInputs(candidates(fromRows, rowIds), candidates(toRows, rowIds), Optional.empty(), unchanged);
  }

  /** The rows of {@code from} to compare, with the columns it had. */
  Dataset<Row> before() {
    return before;
  }

  /** The rows of {@code to} to compare, with the columns it has. */
  Dataset<Row> after() {
    return after;
  }

  /** The rows in both points that row lineage shows unchanged, so that they need no comparing; 0 for a full one. */
  long unchangedRows() {
    return unchangedRows;
  }

  /** How the diff was computed, given how many rows of each side it compared. */
  DiffMethod method(long comparedFromRows, long comparedToRows) {
    return new DiffMethod(fallbackReason.isPresent() ? DiffMethod.Kind.FULL_COMPARISON : DiffMethod.Kind.ROW_LINEAGE,
        fallbackReason, comparedFromRows, comparedToRows, unchangedRows);
  }

  private static DiffInputs full(AuditedTable audited, AsOf from, AsOf to, String reason) {
    return new DiffInputs(AsOfReader.read(audited, from), AsOfReader.read(audited, to), Optional.of(reason), 0);
  }

  /** Why row lineage cannot choose the rows to compare between the two points, if it cannot. */
  static Optional<String> whyNoLineage(Table table, AsOf from, AsOf to) {
    if (!TableUtil.supportsRowLineage(table)) {
      return Optional.of("the table is format version " + TableUtil.formatVersion(table) + ", which has no row "
          + "lineage");
    }
    for (AsOf point : new AsOf[] {from, to}) {
      Snapshot snapshot = table.snapshot(point.snapshotId());
      if (snapshot.firstRowId() == null) {
        return Optional.of("snapshot " + point.snapshotId() + " was committed before the table had row lineage");
      }
    }
    return Optional.empty();
  }

  /** Row id and sequence number of every row, as {@code <prefix>...}; a NULL row id matches nothing in a join. */
  private static Dataset<Row> lineage(Dataset<Row> rows, String prefix) {
    return rows.select(col(ROW_ID).as(prefix + ROW_ID), col(SEQUENCE).as(prefix + SEQUENCE));
  }

  /** A row id that both points have with the same sequence number. */
  private static Column unchanged() {
    return coalesce(col("from_" + SEQUENCE).equalTo(col("to_" + SEQUENCE)), lit(false));
  }

  private static Dataset<Row> candidates(Dataset<Row> rows, Dataset<Row> rowIds) {
    return rows.join(rowIds, col(ROW_ID).eqNullSafe(col(COMPARE)), "left_semi")
        .drop(ROW_ID, SEQUENCE);
  }
}
