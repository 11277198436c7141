package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.naming.TableNameRule;
import io.tidemark.engine.load.FileFormat;
import io.tidemark.engine.load.ImportRequest;
import io.tidemark.engine.load.ImportResult;
import io.tidemark.engine.load.TableImport;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidemark import}: loads a file into a table partitioned by ds. */
@Command(name = "import", description = "Load a CSV, JSON-lines or Parquet file into a table partitioned by ds.")
final class ImportCommand implements Callable<Integer> {
  @Mixin
  CatalogJob job;

  @Option(names = "--table", required = true, paramLabel = "NAMESPACE.TABLE", description = "The table to load into.")
  String table;

  @Option(names = "--file", required = true, paramLabel = "FILE", description = "The file (or folder of part files) "
      + "to load: a path on this machine, or a URI such as s3://bucket/key or hdfs://host/path.")
  String file;

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv, jsonl or parquet (default: by extension).")
  FileFormat format;

  @Option(names = "--schema", paramLabel = "DDL",
      description = "Column types, e.g. \"user_id STRING, ts BIGINT, ds STRING\" (default: inferred).")
  String schema;

  @Option(names = "--ds", paramLabel = "DAY", description = "The day of every row, for files without a ds column.")
  String ds;

  @Override
  public Integer call() {
    Optional<String> problem = TableNameRule.problem(table);
    if (problem.isPresent()) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "Invalid --table \"" + table + "\": it "
          + problem.get() + ". Fix: name it namespace.table with letters, digits and _ only, e.g. --table "
          + "data.purchases");
    }
    TableName name = TableName.parse(table);
    TableImport importer = new TableImport(job.open());
    ImportResult result = importer.run(new ImportRequest(name, file, format, schema, ds));
    job.out().printf("Imported %,d row(s) into %d partition(s) of %s%s.%n", result.rows(),
        result.partitions(), result.table(), result.created() ? " (new table)" : "");
    return 0;
  }
}
