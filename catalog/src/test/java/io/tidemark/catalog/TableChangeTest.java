package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TableChangeTest {
  private static final Schema SCHEMA = new Schema(
      Types.NestedField.optional(1, "id", Types.LongType.get()),
      Types.NestedField.optional(2, "v", Types.StringType.get()),
      Types.NestedField.optional(3, "ds", Types.StringType.get()));
  private static final PartitionSpec BY_DAY = PartitionSpec.builderFor(SCHEMA).identity("ds").build();

  private final TidemarkCatalog catalog = SharedSpark.catalog();

  @Test
  void rowsSchemaAndPropertiesOfAChangeBecomeVisibleInOneCommit() throws Exception {
    TableName name = new TableName("change_test", "together");
    create(name, "(1, 'a', '2023-11-01')");
    Table table = catalog.loadTable(name).orElseThrow();
    String metadataBefore = metadataFile(table);

    try (TableChange change = OwnedTable.load(catalog, name).orElseThrow()
        .change(CommitInfo.of("run-2", "backfill")
            .withDays(List.of(Day.parse("2023-11-02"), Day.parse("2023-11-03"))))) {
      change.updateSchema(update -> update.addColumn("w", Types.LongType.get()));
      catalog.spark().sql("SELECT 2L AS id, 'b' AS v, '2023-11-02' AS ds").createOrReplaceTempView("change_source");
      catalog.spark().sql("MERGE INTO " + change.sqlName() + " t USING change_source s ON t.id = s.id "
          + "WHEN NOT MATCHED THEN INSERT (id, v, ds) VALUES (s.id, s.v, s.ds)");
      catalog.spark().sql("SELECT 3L AS id, 'c' AS v, 7L AS w, '2023-11-03' AS ds").writeTo(change.sqlName())
          .append();
      change.setProperties(Map.of("tidemark.test", "yes"));
      change.recordEmptyDays(List.of(Day.parse("2023-11-04")));
      table.refresh();
      assertThat(table.properties()).doesNotContainKey("tidemark.test");
      assertThat(table.schema().findField("w")).isNull();
      change.commit();
    }

    table.refresh();
    assertThat(table.properties()).containsEntry("tidemark.test", "yes")
        .containsEntry(TableProperties.EMPTY_PARTITIONS, "2023-11-04");
    assertThat(catalog.spark().sql("SELECT id, v, w, ds FROM " + catalog.sqlName(name) + " ORDER BY id")
        .collectAsList().stream().map(Row::toString))
        .containsExactly("[1,a,null,2023-11-01]", "[2,b,null,2023-11-02]", "[3,c,7,2023-11-03]");
    // One commit: the metadata file that follows the one before is the current one.
    List<TableMetadata.MetadataLogEntry> previous = metadata(table).previousFiles();
    assertThat(previous.get(previous.size() - 1).file()).isEqualTo(metadataBefore);
  }

  @Test
  void aFillThatMeetsAnotherWritersRowsInItsDaysFailsAndChangesNothing() throws Exception {
    TableName name = new TableName("change_test", "race");
    create(name, "(1, 'a', '2023-11-01')");
    OwnedTable planned = OwnedTable.load(catalog, name).orElseThrow();

    try (TableChange change = planned.fill(
        CommitInfo.of("run-2", "backfill").withDays(List.of(Day.parse("2023-11-02"))), List.of(Day.parse("2023-11-02")))) {
      catalog.spark().sql("SELECT 2L AS id, 'mine' AS v, '2023-11-02' AS ds").writeTo(change.sqlName()).append();
      // Another run fills the same day first.
      catalog.spark().sql("INSERT INTO " + catalog.sqlName(name) + " VALUES (2, 'theirs', '2023-11-02')");
      long theirs = catalog.loadTable(name).orElseThrow().currentSnapshot().snapshotId();

      assertThatThrownBy(change::commit).isInstanceOf(ConcurrentCommitException.class)
          .hasMessageStartingWith("TM-501 Cannot commit 2023-11-02..2023-11-02 to change_test.race: another run committed "
              + "to the table at the same time");
      assertThat(catalog.loadTable(name).orElseThrow().currentSnapshot().snapshotId()).isEqualTo(theirs);
    }
    assertThat(values(name)).containsExactly("a", "theirs");
  }

  @Test
  void aFillOfOtherDaysCommitsOnTopOfAnotherWritersCommitAsAnAppend() throws Exception {
    TableName name = new TableName("change_test", "beside");
    create(name, "(1, 'a', '2023-11-01')");
    OwnedTable planned = OwnedTable.load(catalog, name).orElseThrow();

    try (TableChange change = planned.fill(
        CommitInfo.of("run-2", "backfill").withDays(List.of(Day.parse("2023-11-03"))), List.of(Day.parse("2023-11-03")))) {
      catalog.spark().sql("SELECT 3L AS id, 'mine' AS v, '2023-11-03' AS ds").writeTo(change.sqlName())
          .options(change.writeOptions()).append();
      catalog.spark().sql("INSERT INTO " + catalog.sqlName(name) + " VALUES (2, 'theirs', '2023-11-02')");
      change.commit();
    }

    assertThat(values(name)).containsExactly("a", "theirs", "mine");
    Snapshot current = catalog.loadTable(name).orElseThrow().currentSnapshot();
    assertThat(current.operation()).isEqualTo("append");
    assertThat(current.summary()).containsEntry(TableProperties.RUN_ID, "run-2")
        .containsEntry(TableProperties.ACTION, "backfill")
        .containsEntry(TableProperties.DS_RANGE, "2023-11-03..2023-11-03");
  }

  @Test
  void aCreateThatLosesTheRaceToAnotherWriterFailsAndLeavesTheirTable() throws Exception {
    TableName name = new TableName("change_test", "created_twice");
    try (TableChange mine = OwnedTable.create(catalog, name, SCHEMA, BY_DAY, Map.of(),
        CommitInfo.of("run-1", "backfill"))) {
      catalog.spark().sql("SELECT 1L AS id, 'mine' AS v, '2023-11-01' AS ds").writeTo(mine.sqlName()).append();
      create(name, "(1, 'theirs', '2023-11-01')");

      assertThatThrownBy(mine::commit).isInstanceOf(ConcurrentCommitException.class);
    }
    assertThat(values(name)).containsExactly("theirs");
  }

  @Test
  void newTablesAreFormatVersionThreeUnlessTheirPropertiesSayOtherwise() throws Exception {
    TableName v3 = new TableName("change_test", "v3");
    TableName v2 = new TableName("change_test", "v2");
    for (TableName name : List.of(v3, v2)) {
      try (TableChange change = OwnedTable.create(catalog, name, SCHEMA, BY_DAY,
          name.equals(v2) ? Map.of(TableFormat.PROPERTY, "2") : Map.of(), CommitInfo.of("run-1", "backfill"))) {
        change.commit();
      }
    }

    assertThat(metadata(catalog.loadTable(v3).orElseThrow()).formatVersion()).isEqualTo(3);
    assertThat(metadata(catalog.loadTable(v2).orElseThrow()).formatVersion()).isEqualTo(2);
  }

  private void create(TableName name, String values) {
    catalog.createNamespaceIfMissing(name.namespace());
    catalog.spark().sql("CREATE TABLE " + catalog.sqlName(name) + " (id BIGINT, v STRING, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    catalog.spark().sql("INSERT INTO " + catalog.sqlName(name) + " VALUES " + values);
  }

  private List<String> values(TableName name) {
    List<String> values = new ArrayList<>();
    catalog.spark().sql("SELECT v FROM " + catalog.sqlName(name) + " ORDER BY ds, id").collectAsList()
        .forEach(row -> values.add(row.getString(0)));
    return values;
  }

  private static String metadataFile(Table table) {
    return metadata(table).metadataFileLocation();
  }

  private static TableMetadata metadata(Table table) {
    return ((HasTableOperations) table).operations().current();
  }
}
