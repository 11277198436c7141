package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.spark.AnalysisMessages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

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
    TidemarkCatalog catalog = root.catalogs().open(root.options);
    Dataset<Row> result;
    try {
      result = catalog.spark().sql(statement);
    } catch (Exception e) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT,
          "SQL error: " + AnalysisMessages.of(AnalysisMessages.analysisFailure(e)));
    }
    boolean capped = format == OutputFormat.TABLE;
    List<Row> rows = capped ? result.limit(maxRows + 1).collectAsList() : result.collectAsList();
    boolean truncated = capped && rows.size() > maxRows;
    List<List<Object>> values = new ArrayList<>();
    for (Row row : truncated ? rows.subList(0, maxRows) : rows) {
      values.add(toJava(row));
    }
    ResultPrinter.print(Arrays.asList(result.columns()), values, format, spec.commandLine().getOut());
    if (truncated) {
      spec.commandLine().getErr().printf("Only the first %d rows are shown; add a LIMIT or pass --max-rows.%n", maxRows);
    }
    return 0;
  }

  static List<Object> toJava(Row row) {
    List<Object> values = new ArrayList<>(row.length());
    for (int i = 0; i < row.length(); i++) {
      values.add(toJava(row.get(i)));
    }
    return values;
  }

  /** Spark's Scala collections and structs as Java lists and maps, for printing. */
  private static Object toJava(Object value) {
    if (value instanceof Seq<?> seq) {
      List<Object> list = new ArrayList<>();
      CollectionConverters.asJava(seq).forEach(element -> list.add(toJava(element)));
      return list;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> java = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((key, element) -> java.put(toJava(key), toJava(element)));
      return java;
    }
    if (value instanceof Row struct) {
      Map<Object, Object> java = new LinkedHashMap<>();
      for (int i = 0; i < struct.length(); i++) {
        java.put(struct.schema().fields()[i].name(), toJava(struct.get(i)));
      }
      return java;
    }
    return value;
  }
}
