package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

class DayVersionsTest {
  private static final List<String> DAYS = List.of("2023-11-01", "2023-11-02", "2023-11-03");

  private final TidemarkCatalog catalog = SharedSpark.catalog();

  @Test
  void aDaysVersionChangesWithItsRowsAndOnlyWithThem() {
    TableName name = table("versioned", "PARTITIONED BY (ds) TBLPROPERTIES ('write.delete.mode' = 'merge-on-read')");
    sql("INSERT INTO " + catalog.sqlName(name) + " VALUES (1, '2023-11-01'), (2, '2023-11-02'), (3, '2023-11-02')");
    Map<String, String> first = versions(name);

    assertThat(versions(name)).as("read twice").isEqualTo(first);
    assertThat(first.get("2023-11-01")).isNotEqualTo(first.get("2023-11-02"));
    assertThat(first.get("2023-11-03")).as("a day without files").isEqualTo(versions(table("other", "")).get(
        "2023-11-03"));

    sql("INSERT INTO " + catalog.sqlName(name) + " VALUES (4, '2023-11-02')");
    Map<String, String> added = versions(name);
    assertThat(added.get("2023-11-01")).isEqualTo(first.get("2023-11-01"));
    assertThat(added.get("2023-11-02")).isNotEqualTo(first.get("2023-11-02"));
    assertThat(added.get("2023-11-03")).isEqualTo(first.get("2023-11-03"));

    sql("DELETE FROM " + catalog.sqlName(name) + " WHERE id = 3");
    Map<String, String> deleted = versions(name);
    assertThat(deleted.get("2023-11-01")).isEqualTo(first.get("2023-11-01"));
    assertThat(deleted.get("2023-11-02")).isNotEqualTo(added.get("2023-11-02"));

    sql("INSERT INTO " + catalog.sqlName(name) + " VALUES (5, '2023-11-03')");
    sql("DELETE FROM " + catalog.sqlName(name) + " WHERE ds = '2023-11-03'");
    assertThat(versions(name).get("2023-11-03")).as("a day emptied again").isEqualTo(first.get("2023-11-03"));
  }

  @Test
  void aTableNotPartitionedByDayGivesEachFileToTheDaysBetweenItsBounds() {
    TableName name = table("flat_versioned", "");
    insertOneFile(name, "(1, '2023-11-01')");
    insertOneFile(name, "(2, '2023-11-02'), (3, '2023-11-03')");
    Map<String, String> first = versions(name);

    insertOneFile(name, "(4, '2023-11-03')");
    Map<String, String> added = versions(name);
    assertThat(added.get("2023-11-01")).isEqualTo(first.get("2023-11-01"));
    assertThat(added.get("2023-11-02")).as("no file that may hold 11-02 was added").isEqualTo(first.get("2023-11-02"));
    assertThat(added.get("2023-11-03")).isNotEqualTo(first.get("2023-11-03"));

    insertOneFile(name, "(5, '2023-11-01'), (6, '2023-11-03')");
    assertThat(versions(name).get("2023-11-02")).as("a file from 11-01 to 11-03 may hold 11-02")
        .isNotEqualTo(added.get("2023-11-02"));
  }

  /** Inserts {@code values} as one data file, so that the file's bounds span their days. */
  private void insertOneFile(TableName name, String values) {
    long before = files(name);
    sql("INSERT INTO " + catalog.sqlName(name) + " SELECT /*+ COALESCE(1) */ * FROM VALUES " + values
        + " AS v(id, ds)");
    assertThat(files(name)).as("one more file").isEqualTo(before + 1);
  }

  private long files(TableName name) {
    return catalog.spark().sql("SELECT count(*) FROM " + catalog.sqlName(name) + ".files").first().getLong(0);
  }

  private TableName table(String name, String clauses) {
    TableName table = new TableName("day_versions_test", name);
    catalog.createNamespaceIfMissing(table.namespace());
    sql("CREATE TABLE " + catalog.sqlName(table) + " (id BIGINT, ds STRING) USING iceberg " + clauses);
    return table;
  }

  private Map<String, String> versions(TableName name) {
    Table table = catalog.loadTable(name).orElseThrow();
    Map<String, String> versions = new TreeMap<>();
    DayVersions.of(List.of(table), Day.parseAll(DAYS)).forEach((day, version) -> versions.put(day.toString(), version));
    assertThat(versions).containsOnlyKeys(DAYS);
    return versions;
  }

  private void sql(String statement) {
    catalog.spark().sql(statement);
  }
}
