package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TransactionCatalogTest {
  private final TidemarkCatalog catalog = SharedSpark.catalog();

  @Test
  void writesAndPropertiesCommitTogether() throws Exception {
    TableName name = new TableName("tx_test", "t");
    catalog.createNamespaceIfMissing(name.namespace());
    catalog.spark().sql("CREATE TABLE " + catalog.sqlName(name) + " (id BIGINT, v STRING, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    catalog.spark().sql("INSERT INTO " + catalog.sqlName(name) + " VALUES (1, 'a', '2023-11-01')");
    Table table = catalog.loadTable(name).orElseThrow();
    String before = ((org.apache.iceberg.HasTableOperations) table).operations().current().metadataFileLocation();
    int snapshots = List.copyOf((java.util.Collection<?>) iterable(table.snapshots())).size();

    Transaction transaction = table.newTransaction();
    String sqlName = TransactionCatalog.register(transaction);
    catalog.spark().sql("SELECT 2L AS id, 'b' AS v, '2023-11-02' AS ds").createOrReplaceTempView("src");
    catalog.spark().sql("MERGE INTO " + sqlName + " t USING src s ON t.id = s.id AND t.ds = s.ds "
        + "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    catalog.spark().sql("SELECT 3L AS id, 'c' AS v, '2023-11-03' AS ds").writeTo(sqlName).append();
    transaction.updateProperties().set("tidemark.test", "yes").commit();
    table.refresh();
    assertThat(table.properties()).doesNotContainKey("tidemark.test");
    transaction.commitTransaction();
    TransactionCatalog.unregister(sqlName);

    table.refresh();
    assertThat(table.properties()).containsEntry("tidemark.test", "yes");
    List<Row> rows = catalog.spark().table(catalog.sqlName(name)).orderBy("id").collectAsList();
    assertThat(rows).extracting(row -> row.getLong(0)).containsExactly(1L, 2L, 3L);
    System.out.println("snapshots before " + snapshots + " after " + List.copyOf((java.util.Collection<?>) iterable(table.snapshots())).size());
    System.out.println("metadata before " + before + " after " + ((org.apache.iceberg.HasTableOperations) table).operations().current().metadataFileLocation());
    System.out.println("previous metadata files: " + ((org.apache.iceberg.HasTableOperations) table).operations().current().previousFiles().size());
  }

  private static java.util.Collection<Object> iterable(Iterable<?> items) {
    java.util.List<Object> list = new java.util.ArrayList<>();
    items.forEach(list::add);
    return list;
  }
}
