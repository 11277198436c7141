package io.tidemark.cli;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.maintenance.audit.AsOfRead;
import io.tidemark.maintenance.audit.AuditedTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark export}: a table as it was at a snapshot, time or tag, written as Parquet or CSV files to a folder
 * that pandas, Polars, DuckDB or a spreadsheet read without Spark or a catalog: a training set's snapshot.
 */
@Command(name = "export", description = "Write a table as of a snapshot, time or tag (default: now) to a folder of "
    + "Parquet or CSV files, for tools without Spark or a catalog (pandas, Polars, DuckDB).")
final class ExportCommand implements Callable<Integer> {
  /** The file formats of an export. */
  enum FileFormat {
    PARQUET,
    CSV
  }

  @Mixin
  AuditTarget target;

  @Option(names = "--as-of", paramLabel = "WHEN", description = "A snapshot id, a time in UTC, or a tag or branch "
      + "(default: ${DEFAULT-VALUE}, the current snapshot).")
  String asOf = "main";

  @Option(names = "--start-ds", paramLabel = "DAY", description = "First day to export (default: every day).")
  String startDs;

  @Option(names = "--end-ds", paramLabel = "DAY", description = "Last day to export.")
  String endDs;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "parquet or csv (default: ${DEFAULT-VALUE}); csv writes lists, maps and structs as JSON text.")
  FileFormat format = FileFormat.PARQUET;

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "A folder that does not exist yet.")
  Path to;

  @Override
  public Integer call() {
    DayArguments.checkRange(startDs, endDs, "--start-ds", "--end-ds");
    if (Files.exists(to)) {
      throw new TidemarkException(ErrorCode.OUTPUT_EXISTS, "Cannot export to " + to + ": it exists. Fix: "
          + "give a new folder; an export never overwrites files");
    }
    PrintWriter err = target.err();
    AuditedTable table = target.table(List.of());
    AsOfRead read = AsOfRead.at(table, asOf, Optional.empty());
    Dataset<Row> rows = read.rows();
    if (startDs != null) {
      rows = rows.where(col(Names.PARTITION_COLUMN).geq(startDs));
    }
    if (endDs != null) {
      rows = rows.where(col(Names.PARTITION_COLUMN).leq(endDs));
    }
    if (format == FileFormat.CSV) {
      rows = flattened(rows);
    }
    rows.write().format(format.name().toLowerCase(Locale.ROOT)).option("header", "true")
        .save(to.toAbsolutePath().toString());
    long count = rows.sparkSession().read().format(format == FileFormat.CSV ? "csv" : "parquet")
        .option("header", "true").load(to.toAbsolutePath().toString()).count();
    PrintWriter out = target.out();
    out.printf("Exported %,d row(s) of %s as of %s to %s (%s).%n", count, table.name(), read.described(), to,
        format.name().toLowerCase(Locale.ROOT));
    out.flush();
    return 0;
  }

  /** Lists, maps and structs as JSON text, which CSV can hold. */
  private static Dataset<Row> flattened(Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      Column column = col(quote(field.name()));
      boolean nested = field.dataType() instanceof MapType || field.dataType() instanceof ArrayType
          || field.dataType() instanceof StructType;
      columns.add(nested ? to_json(column).as(field.name()) : column);
    }
    return rows.select(columns.toArray(Column[]::new));
  }
}
