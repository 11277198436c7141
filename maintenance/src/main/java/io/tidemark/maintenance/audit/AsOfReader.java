package io.tidemark.maintenance.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.PartitionDates;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reads a table as it was at a snapshot: the rows and the columns (schema) of that snapshot. */
public final class AsOfReader {
  private AsOfReader() {}

  public static Dataset<Row> read(AuditedTable audited, AsOf asOf) {
    return select(audited, asOf, "*");
  }

  /**
   * The rows of the snapshot with their Iceberg row lineage (a format version 3 table's metadata columns
   * {@code _row_id} and {@code _last_updated_sequence_number}) as the columns {@code rowIdAs} and {@code sequenceAs}.
   */
  static Dataset<Row> readWithRowLineage(AuditedTable audited, AsOf asOf, String rowIdAs, String sequenceAs) {
    return select(audited, asOf, "*, _row_id AS " + rowIdAs + ", _last_updated_sequence_number AS " + sequenceAs);
  }

  /** The rows of one day, {@code ds}, as of the snapshot. */
  public static Dataset<Row> read(AuditedTable audited, AsOf asOf, String ds) {
    return ofDay(read(audited, asOf), ds);
  }

  /** The rows of one day, {@code ds}, of a read of a join table. */
  public static Dataset<Row> ofDay(Dataset<Row> rows, String ds) {
    if (!PartitionDates.isValid(ds)) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION,
          "Invalid day " + ds + ". Fix: write days as yyyy-MM-dd, e.g. 2023-11-01");
    }
    return rows.where(col(Names.PARTITION_COLUMN).equalTo(lit(ds)));
  }

  private static Dataset<Row> select(AuditedTable audited, AsOf asOf, String columns) {
    return audited.catalog().spark().sql("SELECT " + columns + " FROM " + audited.catalog().sqlName(audited.name())
        + " VERSION AS OF " + asOf.snapshotId());
  }
}
