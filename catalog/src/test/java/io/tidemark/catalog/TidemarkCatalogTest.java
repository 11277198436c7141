package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.ViewCatalog;
import org.junit.jupiter.api.Test;

class TidemarkCatalogTest {
  private final TidemarkCatalog catalog = SharedSpark.catalog();

  @Test
  void listsPartitionsFromIcebergMetadata() {
    TableName table = new TableName("catalog_test", "events");
    catalog.createNamespaceIfMissing(table.namespace());
    catalog.spark().sql("CREATE TABLE " + catalog.sqlName(table) + " (id BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    catalog.spark().sql("INSERT INTO " + catalog.sqlName(table)
        + " VALUES (1, '2023-11-02'), (2, '2023-11-01'), (3, '2023-11-02')");

    assertThat(catalog.partitions(table)).containsExactly("2023-11-01", "2023-11-02");
    assertThat(catalog.tableExists(table)).isTrue();
    assertThat(catalog.loadTable(new TableName("catalog_test", "missing"))).isEmpty();
  }

  @Test
  void listsPartitionsOfTablesNotPartitionedByDs() {
    TableName table = new TableName("catalog_test", "flat");
    catalog.createNamespaceIfMissing(table.namespace());
    catalog.spark().sql("CREATE TABLE " + catalog.sqlName(table) + " (id BIGINT, ds STRING) USING iceberg");
    catalog.spark().sql("INSERT INTO " + catalog.sqlName(table) + " VALUES (1, '2023-11-03'), (2, NULL)");

    assertThat(catalog.partitions(table)).containsExactly("2023-11-03");
  }

  @Test
  void readsRowsTimeBoundsAndMissingTimesOfEachDayFromFileMetadata() {
    TableName table = new TableName("catalog_test", "timed");
    catalog.createNamespaceIfMissing(table.namespace());
    catalog.spark().sql("CREATE TABLE " + catalog.sqlName(table) + " (id BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    catalog.spark().sql("INSERT INTO " + catalog.sqlName(table)
        + " VALUES (1, 9, '2023-11-01'), (2, NULL, '2023-11-01'), (3, NULL, '2023-11-02'), (4, NULL, '2023-11-02')");
    catalog.spark().sql("INSERT INTO " + catalog.sqlName(table) + " VALUES (5, 5, '2023-11-01')");

    assertThat(catalog.dayStatistics(table, "ts", List.of("2023-11-01", "2023-11-02", "2023-11-03")))
        .hasValue(Map.of("2023-11-01", new DayStatistics(3, 5L, 9L, 1), "2023-11-02",
            new DayStatistics(2, null, null, 2)));
    assertThat(catalog.dayStatistics(table, null, List.of("2023-11-02")))
        .hasValue(Map.of("2023-11-02", new DayStatistics(2, null, null, 0)));
  }

  @Test
  void reusesSparksCatalogWhichSupportsViews() {
    assertThat(catalog.icebergCatalog()).isInstanceOf(ViewCatalog.class);
    assertThat(catalog.sqlName(new TableName("a.b", "c"))).isEqualTo("`lake`.`a`.`b`.`c`");
  }
}
