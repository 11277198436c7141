package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a command that prints rows prints them: {@code --format} and {@code --max-rows}. */
final class RowsOutput {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "table, jsonl or csv (default: ${DEFAULT-VALUE}); jsonl and csv stream every row.")
  OutputFormat format = OutputFormat.TABLE;

  @Option(names = "--max-rows", paramLabel = "N",
      description = "Most rows to print in table format (default: ${DEFAULT-VALUE}); jsonl and csv print all.")
  int maxRows = 1000;

  /** Refuses a {@code --max-rows} that is no number of rows; commands call it before they open anything. */
  void check() {
    if (maxRows < 1) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "--max-rows " + maxRows + " is not a number of "
          + "rows. Fix: pass 1 or more");
    }
  }

  /**
   * Prints a line that says what the rows below are: with them on standard output for people (table format), on
   * standard error when the output is for programs.
   */
  void heading(String heading) {
    PrintWriter stream = format == OutputFormat.TABLE ? command.commandLine().getOut() : command.commandLine().getErr();
    stream.println(heading);
    stream.flush();
  }

  /** Prints Spark's rows, streaming them to the driver a partition at a time; returns whether rows were left out. */
  boolean print(Dataset<Row> rows, PrintWriter out) {
    Dataset<Row> read = format == OutputFormat.TABLE ? rows.limit(maxRows + 1) : rows;
    Iterator<Row> spark = read.toLocalIterator();
    Iterator<List<Object>> values = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return spark.hasNext();
      }

      @Override
      public List<Object> next() {
        return SparkValues.ofRow(spark.next());
      }
    };
    return RowPrinter.print(Arrays.asList(rows.columns()), values, format, maxRows, out);
  }

  /** Prints rows already in memory; returns whether rows were left out. */
  boolean print(List<String> columns, List<List<Object>> rows, PrintWriter out) {
    return RowPrinter.print(columns, rows.iterator(), format, maxRows, out);
  }
}
