package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.SubPartition;
import io.tidemark.api.naming.TableName;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  void listsTheDaysWithASubPartitionsRowsFromPartitionsOrFromTheRows() {
    TableName byHour = new TableName("catalog_test", "by_hour");
    TableName byDay = new TableName("catalog_test", "by_day");
    catalog.createNamespaceIfMissing(byHour.namespace());
    catalog.spark().sql("CREATE TABLE " + catalog.sqlName(byHour) + " (id BIGINT, hr INT, app STRING, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds, hr)");
    catalog.spark().sql("CREATE TABLE " + catalog.sqlName(byDay) + " (id BIGINT, hr INT, app STRING, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    for (TableName table : List.of(byHour, byDay)) {
      catalog.spark().sql("INSERT INTO " + catalog.sqlName(table) + " VALUES (1, 0, 'web', '2023-11-01'), "
          + "(2, 1, 'web', '2023-11-01'), (3, 1, 'web', '2023-11-02'), (4, 0, 'ios', '2023-11-03'), "
          + "(5, 0, 'web', '2023-11-04'), (6, NULL, 'web', '2023-11-05')");
    }
    SubPartition midnight = new SubPartition(Map.of("hr", "0"));
    SubPartition midnightOnTheWeb = new SubPartition(Map.of("hr", "0", "app", "web"));

    for (TableName table : List.of(byHour, byDay)) {
      assertThat(catalog.partitions(table, midnight)).containsExactly("2023-11-01", "2023-11-03", "2023-11-04");
      assertThat(catalog.partitions(table, midnightOnTheWeb)).containsExactly("2023-11-01", "2023-11-04");
      assertThat(catalog.partitions(table, SubPartition.NONE)).containsExactly("2023-11-01", "2023-11-02",
          "2023-11-03", "2023-11-04", "2023-11-05");
    }
    assertThatThrownBy(() -> catalog.partitions(byDay, new SubPartition(Map.of("minute", "0"))))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-112 Table catalog_test.by_day has no column minute, which the sub-partition /minute=0 names. Fix: "
            + "name a column of catalog_test.by_day after the table's name, or remove the sub-partition");
  }

  @Test
  void countsTheRowsOfTheNamedPartitionsFromFileMetadata() {
    TableName table = new TableName("catalog_test", "pieces");
    catalog.createNamespaceIfMissing(table.namespace());
    catalog.spark().sql("CREATE TABLE " + catalog.sqlName(table) + " (k STRING, span_days INT, ds STRING) USING "
        + "iceberg PARTITIONED BY (ds, span_days)");
    catalog.spark().sql("INSERT INTO " + catalog.sqlName(table) + " VALUES ('a', 1, '2023-11-01'), "
        + "('b', 1, '2023-11-01'), ('a', 1, '2023-11-02'), ('a', 8, '2023-11-02'), ('b', 8, '2023-11-02'), "
        + "('c', 8, '2023-11-02'), ('a', 32, '2023-11-09')");
    List<String> columns = List.of("ds", "span_days");

    assertThat(catalog.estimatedRows(table, columns, Set.of(List.of("2023-11-01", "1"), List.of("2023-11-02", "8"))))
        .isEqualTo(5);
    assertThat(catalog.estimatedRows(table, columns, Set.of(List.of("2023-11-02", "1")))).isEqualTo(1);
    assertThat(catalog.estimatedRows(table, columns, Set.of(List.of("2023-11-09", "8")))).isZero();
    assertThat(catalog.estimatedRows(table, columns, Set.of())).isZero();
    assertThat(catalog.estimatedRows(table, List.of("ds", "k"), Set.of(List.of("2023-11-09", "a"))))
        .as("k is no partition: every row counts").isEqualTo(7);
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
