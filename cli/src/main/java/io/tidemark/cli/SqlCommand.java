package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.compute.AnalysisMessages;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tidemark sql}: runs Spark SQL with Tidemark's catalog as the current catalog. */
@Command(name = "sql", description = "Run a Spark SQL statement; namespace.table resolves in Tidemark's catalog.")
final class SqlCommand implements Callable<Integer> {
  @Mixin
  CatalogJob job;

  @Parameters(index = "0", paramLabel = "SQL", description = "The statement, e.g. \"SELECT * FROM ns.t LIMIT 5\".")
  String statement;

  @Mixin
  RowsOutput output;

  @Override
  public Integer call() {
    output.check();
    TidemarkCatalog catalog = job.open();
    Dataset<Row> result;
    try {
      result = catalog.spark().sql(statement);
    } catch (Exception e) {
      throw new TidemarkException(ErrorCode.INVALID_SQL,
          "SQL error: " + AnalysisMessages.of(AnalysisMessages.analysisFailure(e)));
    }
    if (output.print(result, job.out())) {
      job.err().printf("Only the first %d rows are shown; add a LIMIT or pass --max-rows.%n",
          output.maxRows);
    }
    return 0;
  }
}
