package io.tidemark.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

class TableImportTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();

  @TempDir
  Path directory;

  @Test
  void importsCsvWithGivenTypesAndReimportingReplacesTheSameDays() throws IOException {
    Path file = write("orders.csv", "order_id,amount,ds\n1,10.5,2023-11-01\n2,3,2023-11-02\n3,4,2023-11-02\n");
    TableName table = new TableName("import_test", "orders");
    TableImport importer = new TableImport(CATALOG);

    ImportResult first = importer.run(new ImportRequest(table, file, null, "order_id BIGINT, amount DOUBLE, ds STRING",
        null));
    ImportResult second = importer.run(new ImportRequest(table, file, null, "order_id BIGINT, amount DOUBLE, ds STRING",
        null));

    assertThat(first).isEqualTo(new ImportResult(table, 3, 2, true));
    assertThat(second).isEqualTo(new ImportResult(table, 3, 2, false));
    assertThat(CATALOG.spark().table("lake.import_test.orders").schema().simpleString())
        .isEqualTo("struct<order_id:bigint,amount:double,ds:string>");
    assertThat(CATALOG.spark().sql("SELECT order_id, amount, ds FROM lake.import_test.orders ORDER BY order_id")
        .collectAsList()).containsExactly(Row.fromSeq(seq(1L, 10.5, "2023-11-01")), Row.fromSeq(seq(2L, 3.0, "2023-11-02")),
        Row.fromSeq(seq(3L, 4.0, "2023-11-02")));
    assertThat(CATALOG.partitions(table)).containsExactly("2023-11-01", "2023-11-02");
    assertThat(CATALOG.loadTable(table).orElseThrow().properties()).containsEntry(TableProperties.TABLE_TYPE, "source");
  }

  @Test
  void importsJsonLinesIntoOneDayGivenOnTheCommandLine() throws IOException {
    Path file = write("clicks.jsonl", "{\"user\":\"a\",\"n\":1}\n{\"user\":\"b\",\"n\":2}\n");
    TableName table = new TableName("import_test", "clicks");

    ImportResult result = new TableImport(CATALOG).run(new ImportRequest(table, file, null, null, "2023-11-05"));

    assertThat(result.rows()).isEqualTo(2);
    assertThat(CATALOG.partitions(table)).containsExactly("2023-11-05");
  }

  @Test
  void importsParquetKeepingItsTypesAndTurningDatesIntoDays() {
    Path folder = directory.resolve("visits.parquet");
    CATALOG.spark().sql("SELECT CAST(id AS INT) AS id, DATE'2023-11-07' + CAST(id AS INT) AS ds FROM range(3)")
        .write().parquet(folder.toString());
    TableName table = new TableName("import_test", "visits");

    ImportResult result = new TableImport(CATALOG).run(new ImportRequest(table, folder, FileFormat.PARQUET, null, null));

    assertThat(result.rows()).isEqualTo(3);
    assertThat(CATALOG.partitions(table)).containsExactly("2023-11-07", "2023-11-08", "2023-11-09");
    assertThat(CATALOG.spark().table("lake.import_test.visits").schema().simpleString())
        .isEqualTo("struct<id:int,ds:string>");
  }

  @Test
  void aFileWithoutDaysIsRefusedAndNoTableIsCreated() throws IOException {
    Path file = write("nodays.csv", "a,b\n1,2\n");
    TableName table = new TableName("import_test", "nodays");

    assertThatThrownBy(() -> new TableImport(CATALOG).run(new ImportRequest(table, file, null, null, null)))
        .isInstanceOfSatisfying(TidemarkException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_ARGUMENT))
        .hasMessage("TM-208 Cannot import: " + file
        + " has no ds column (columns: a, b). Fix: add a ds column with each "
            + "row's day (yyyy-MM-dd), or pass --ds <day> to put every row in one day");
    assertThat(CATALOG.tableExists(table)).isFalse();
  }

  @Test
  void rowsWhoseDayIsNotADayAreRefusedAndNothingIsCreated() throws IOException {
    Path file = write("baddays.csv", "a,ds\n1,2023-11-01\n2,yesterday\n3,yesterday\n4,2023-02-29\n");
    TableName table = new TableName("import_test_baddays", "baddays");

    assertThatThrownBy(() -> new TableImport(CATALOG).run(
        new ImportRequest(table, file, null, "a INT, ds STRING", null)))
        .isInstanceOfSatisfying(TidemarkException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_ARGUMENT))
        .hasMessage("TM-208 Cannot import: " + file + " has 3 row(s) whose ds is not a day written yyyy-MM-dd: "
            + "'2023-02-29' (1), 'yesterday' (2). Fix: give every row a real day, e.g. 2023-11-01; nothing was "
            + "imported");
    assertThat(CATALOG.namespaceExists(table.namespace())).isFalse();
  }

  @Test
  void aFileWithOtherColumnsThanTheTableIsRefused() throws IOException {
    TableName table = new TableName("import_test", "shape");
    TableImport importer = new TableImport(CATALOG);
    importer.run(new ImportRequest(table, write("v1.csv", "a,ds\n1,2023-11-01\n"), null, "a INT, ds STRING", null));
    Path changed = write("v2.csv", "a,b,ds\n1,2,2023-11-01\n");

    assertThatThrownBy(() -> importer.run(new ImportRequest(table, changed, null, "a INT, b INT, ds STRING", null)))
        .hasMessage("TM-208 Cannot import: import_test.shape exists with columns (a int, ds string) but " + changed
            + " has (a int, b int, ds string). Fix: import into a new table, drop the existing one first, or pass "
            + "--schema to give the file the table's types");
  }

  private Path write(String name, String text) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static Seq<Object> seq(Object... values) {
    return CollectionConverters.asScala(List.of(values)).toList();
  }
}
