package io.tidemark.cli;

import static org.apache.spark.sql.functions.col;

import io.tidemark.api.naming.Names;
import io.tidemark.maintenance.audit.AsOfRead;
import io.tidemark.maintenance.audit.AuditedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark audit show}: a table's rows as they were at a snapshot, a time, or a tag (on Nessie, a Nessie tag),
 * ordered by {@code ds} and row key.
 */
@Command(name = "show", description = "Print a table's rows as they were at a snapshot id, a time (UTC) or a tag.")
final class AuditShowCommand implements Callable<Integer> {
  @Mixin
  AuditTarget target;

  @Mixin
  RowKeyOption key;

  @Option(names = "--as-of", required = true, paramLabel = "WHEN",
      description = "A snapshot id, a time in UTC (2026-11-21T10:15:30Z, \"2026-11-21 10:15:30\", 2026-11-21), or a "
          + "tag or branch.")
  String asOf;

  @Option(names = "--ds", paramLabel = "DAY", description = "Only the rows of this day.")
  String ds;

  @Mixin
  RowsOutput output;

  @Override
  public Integer call() {
    output.check();
    DayArguments.checkDay(ds, "--ds 2023-11-01");
    AuditedTable table = target.table(key.columns);
    AsOfRead read = AsOfRead.at(table, asOf, Optional.ofNullable(ds));
    List<Column> order = new ArrayList<>();
    order.add(col(Names.PARTITION_COLUMN));
    table.rowKeyColumns().forEach(column -> order.add(col(column)));
    output.heading(table.name() + " as of " + read.described() + (ds == null ? "" : ", ds " + ds) + ":");
    if (output.print(read.rows().orderBy(order.toArray(Column[]::new)), target.out())) {
      target.err().printf("Only the first %d rows are shown; pass --ds or --max-rows, or --format "
          + "jsonl for every row.%n", output.maxRows);
    }
    return 0;
  }
}
