package io.tidemark.cli.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.types.Types;

/**
 * An Iceberg table of format version 3 written by Spark, and what Trino must read of it. Four accounts are written in
 * one commit to one data file; a MERGE in merge-on-read mode then updates account 2 and deletes account 3, which
 * gives that file a deletion vector (v3's only kind of position delete) and writes account 2's new version to a new
 * file; after the table is tagged, a DELETE removes account 4.
 *
 * <p>The expected values follow from the Iceberg spec, not from either engine. Row lineage: the first commit has
 * sequence number 1 and gives its file first row id 0, so the rows at positions 0 to 3 have row ids 0 to 3, and their
 * last-updated sequence number is the file's, 1. An update keeps the row's id, so account 2 keeps row id 1 and gets
 * the MERGE's sequence number, 2. Files: the MERGE deletes positions 1 and 2 of the first file with one deletion
 * vector, a Puffin file whose record count is the 2 rows it deletes.
 */
final class FormatV3Accounts {
  static final String NAMESPACE = "trino_v3";
  static final String TABLE = NAMESPACE + ".accounts";
  static final String VIEW = NAMESPACE + ".accounts_over_15";
  private static final String VIEW_SQL = "SELECT owner, balance FROM accounts WHERE balance > 15";

  static final List<String> ROWS_AFTER_MERGE = List.of(
      "{balance=10.0, id=1, owner=ann}",
      "{balance=25.0, id=2, owner=bob}",
      "{balance=40.0, id=4, owner=di}");
  static final List<String> ROWS_AFTER_DELETE = ROWS_AFTER_MERGE.subList(0, 2);

  private FormatV3Accounts() {}

  /** Spark SQL creating the table with its four rows in one data file, in this order, in one commit. */
  static String create(String table) {
    return "CREATE TABLE " + table + " USING iceberg TBLPROPERTIES ('format-version' = '3', "
        + "'write.delete.mode' = 'merge-on-read', 'write.update.mode' = 'merge-on-read', "
        + "'write.merge.mode' = 'merge-on-read') "
        + "AS SELECT /*+ COALESCE(1) */ * FROM VALUES (1L, 'ann', 10.0D), (2L, 'bob', 20.0D), (3L, 'cy', 30.0D), "
        + "(4L, 'di', 40.0D) AS accounts(id, owner, balance)";
  }

  /** Spark SQL updating account 2 to 25.0 and deleting account 3. */
  static String merge(String table) {
    return "MERGE INTO " + table + " t USING (SELECT * FROM VALUES (2L, 25.0D), (3L, CAST(NULL AS DOUBLE)) "
        + "AS changes(id, balance)) c ON t.id = c.id "
        + "WHEN MATCHED AND c.balance IS NULL THEN DELETE "
        + "WHEN MATCHED THEN UPDATE SET t.balance = c.balance";
  }

  /** Spark SQL for the change made after the tag. */
  static String delete(String table) {
    return "DELETE FROM " + table + " WHERE id = 4";
  }

  /**
   * The view over the table as Tidemark writes its views: one Spark and one Trino representation, the catalog's name
   * as the default catalog and the table's namespace as the default namespace.
   */
  static void createView(ViewCatalog views, String catalogName) {
    Namespace namespace = Namespace.of(NAMESPACE);
    views.buildView(TableIdentifier.of(namespace, VIEW.substring(NAMESPACE.length() + 1)))
        .withSchema(new Schema(
            Types.NestedField.optional(1, "owner", Types.StringType.get()),
            Types.NestedField.optional(2, "balance", Types.DoubleType.get())))
        .withDefaultCatalog(catalogName)
        .withDefaultNamespace(namespace)
        .withQuery("spark", VIEW_SQL)
        .withQuery("trino", VIEW_SQL)
        .create();
  }

  /** Asserts what Trino reads of the table and its view right after the MERGE. */
  static void assertTrinoReadsTheMerge(LocalServers servers) throws SQLException {
    assertThat(servers.rows("SHOW CREATE TABLE " + TABLE)).singleElement().asString()
        .contains("format_version = 3");
    assertTrinoReadsTheMergedRows(servers);
    assertThat(servers.rows("SELECT id, \"$row_id\" AS row_id, \"$last_updated_sequence_number\" AS sequence_number "
        + "FROM " + TABLE)).containsExactly(
            "{id=1, row_id=0, sequence_number=1}",
            "{id=2, row_id=1, sequence_number=2}",
            "{id=4, row_id=3, sequence_number=1}");
    assertThat(servers.rows("SELECT content, file_format, record_count FROM " + NAMESPACE + ".\"accounts$files\""))
        .containsExactly(
            "{content=0, file_format=PARQUET, record_count=1}",
            "{content=0, file_format=PARQUET, record_count=4}",
            "{content=1, file_format=PUFFIN, record_count=2}");
  }

  /** Asserts the rows Trino reads of the table and its view right after the MERGE, whatever the format version. */
  static void assertTrinoReadsTheMergedRows(LocalServers servers) throws SQLException {
    assertThat(servers.rows("SELECT * FROM " + TABLE)).isEqualTo(ROWS_AFTER_MERGE);
    assertThat(servers.rows("SELECT * FROM " + VIEW)).containsExactly(
        "{balance=25.0, owner=bob}",
        "{balance=40.0, owner=di}");
  }
}
