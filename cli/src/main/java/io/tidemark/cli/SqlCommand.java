package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.spark.AnalysisMessages;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tidemark sql}: runs Spark SQL with Tidemark's catalog as the current catalog. */
@Command(name = "sql", description = "Run a Spark SQL statement; namespace.table resolves in Tidemark's catalog.")
final class SqlCommand implements Callable<Integer> {
  @ParentCommand
  TidemarkCommand root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SQL", description = "The statement, e.g. \"SELECT * FROM ns.t LIMIT 5\".")
  String statement;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, jsonl or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.TABLE;

  @Option(names = "--max-rows", paramLabel = "N",
      description = "Most rows to print in table format (default: ${DEFAULT-VALUE}); jsonl and csv print all.")
  int maxRows = 1000;

  @Override
  public Integer call() {
    DatasetPrinter.checkMaxRows(maxRows);
    TidemarkCatalog catalog = root.catalogs().open(root.options);
    Dataset<Row> result;
    try {
      result = catalog.spark().sql(statement);
    } catch (Exception e) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT,
          "SQL error: " + AnalysisMessages.of(AnalysisMessages.analysisFailure(e)));
    }
    boolean truncated = DatasetPrinter.print(result, format, maxRows, spec.commandLine().getOut());
    if (truncated) {
      spec.commandLine().getErr().printf("Only the first %d rows are shown; add a LIMIT or pass --max-rows.%n", maxRows);
    }
    return 0;
  }
}
