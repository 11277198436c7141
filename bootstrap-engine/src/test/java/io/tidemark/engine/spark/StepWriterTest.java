package io.tidemark.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
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
    StepWriter writer = StepWriter.mergingOn(CATALOG, table, Map.of(), List.of("id"));
    writer.write(rows(row("a", 1, "2023-11-01"), row("b", 2, "2023-11-01")), List.of("2023-11-01"), "run-1");

    // a on 2023-11-01 is updated; a on 2023-11-02 is another row (another day); c is new.
    long added = writer.write(rows(row("a", 10, "2023-11-01"), row("a", 20, "2023-11-02"), row("c", 3, "2023-11-01")),
        List.of("2023-11-01", "2023-11-02"), "run-2", Map.of("tidemark.coverage", "{}"));

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
