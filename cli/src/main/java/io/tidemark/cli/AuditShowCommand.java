package io.tidemark.cli;

import static org.apache.spark.sql.functions.col;

import io.tidemark.api.naming.Names;
import io.tidemark.maintenance.audit.AsOf;
import io.tidemark.maintenance.audit.AsOfReader;
import io.tidemark.maintenance.audit.AuditedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tidemark audit show}: the join table's rows as they were at a snapshot, a time, or a tag. */
@Command(name = "show", description = "Print a join's rows as they were at a snapshot id, a time (UTC) or a tag.")
final class AuditShowCommand implements Callable<Integer> {
  @ParentCommand
  AuditCommand audit;

  @Spec
  CommandSpec spec;

  @Mixin
  JoinConf conf;

  @Option(names = "--as-of", required = true, paramLabel = "WHEN",
      description = "A snapshot id, a time in UTC (2026-11-21T10:15:30Z, \"2026-11-21 10:15:30\", 2026-11-21), or a "
          + "tag or branch.")
  String asOf;

  @Option(names = "--ds", paramLabel = "DAY", description = "Only the rows of this day.")
  String ds;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, jsonl or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.TABLE;

  @Option(names = "--max-rows", paramLabel = "N",
      description = "Most rows to print in table format (default: ${DEFAULT-VALUE}); jsonl and csv print all.")
  int maxRows = 1000;

  @Override
  public Integer call() {
    AuditedTable table = audit.auditedTable(conf.file, spec.commandLine().getErr());
    AsOf point = AsOf.resolve(table, asOf);
    Dataset<Row> read = ds == null ? AsOfReader.read(table, point) : AsOfReader.read(table, point, ds);
    List<Column> order = new ArrayList<>();
    order.add(col(Names.PARTITION_COLUMN));
    table.rowKeyColumns().forEach(key -> order.add(col(key)));
    Dataset<Row> rows = read.orderBy(order.toArray(Column[]::new));
    AuditCommand.printHeading(spec, format, table.name() + " as of " + point.describe()
        + (ds == null ? "" : ", ds " + ds) + ":");
    boolean truncated = DatasetPrinter.print(rows, format, maxRows, spec.commandLine().getOut());
    if (truncated) {
      spec.commandLine().getErr().printf("Only the first %d rows are shown; pass --ds or --max-rows, or --format "
          + "jsonl for every row.%n", maxRows);
    }
    return 0;
  }
}
