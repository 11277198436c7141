package io.tidemark.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class StepWriterTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("id", DataTypes.StringType, true),
      DataTypes.createStructField("value", DataTypes.LongType, true),
      DataTypes.createStructField("ds", DataTypes.StringType, true)));

  @Test
  void mergeUpdatesRowsWithTheSameKeyAndDayAndInsertsTheRest() {
    TableName table = new TableName("writer_merge", "rows");
    Schema schema = SparkSchemaUtil.convert(SCHEMA);
    try (TableChange create = OwnedTable.create(CATALOG, table, schema,
        PartitionSpec.builderFor(schema).identity("ds").build(), Map.of(),
        CommitInfo.of("run-1", "backfill").withDays(List.of(Day.parse("2023-11-01"))))) {
      StepWriter.write(create, rows(row("a", 1, "2023-11-01"), row("b", 2, "2023-11-01")), 2,
          StepWriter.Days.ADD, StepWriter.Columns.FIXED);
      create.commit();
    }

    // a on 2023-11-01 is updated; a on 2023-11-02 is another row (another day); c is new.
    long added;
    try (TableChange change = OwnedTable.load(CATALOG, table).orElseThrow()
        .change(CommitInfo.of("run-2", "backfill")
            .withDays(List.of(Day.parse("2023-11-01"), Day.parse("2023-11-02"))))) {
      change.addSummary(Map.of("tidemark.coverage", "{}"));
      added = StepWriter.merge(change, rows(row("a", 10, "2023-11-01"), row("a", 20, "2023-11-02"),
          row("c", 3, "2023-11-01")), List.of("id"), List.of(Day.parse("2023-11-01"), Day.parse("2023-11-02")),
          "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
      change.commit();
    }

    assertThat(CATALOG.spark().sql("SELECT id, value, ds FROM lake.writer_merge.rows ORDER BY ds, id")
        .collectAsList().stream().map(Row::toString))
        .containsExactly("[a,10,2023-11-01]", "[b,2,2023-11-01]", "[c,3,2023-11-01]", "[a,20,2023-11-02]");
    Table written = CATALOG.loadTable(table).orElseThrow();
    assertThat(written.currentSnapshot().operation()).isEqualTo("overwrite");
    assertThat(written.currentSnapshot().summary())
        .containsEntry("tidemark.run-id", "run-2")
        .containsEntry("tidemark.ds-range", "2023-11-01..2023-11-02")
        .containsEntry("tidemark.coverage", "{}");
    // Copy-on-write rewrites the day-1 file: its three rows are added again, with day 2's row.
    assertThat(added).isEqualTo(4);
  }

  private static Row row(String id, long value, String ds) {
    return RowFactory.create(id, value, ds);
  }

  private static Dataset<Row> rows(Row... rows) {
    return CATALOG.spark().createDataFrame(List.of(rows), SCHEMA);
  }
}
