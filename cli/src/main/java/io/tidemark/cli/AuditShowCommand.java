package io.tidemark.cli;

import static org.apache.spark.sql.functions.col;

import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.catalog.NessieCatalogConfig;
import io.tidemark.catalog.NessieTags;
import io.tidemark.maintenance.audit.AsOf;
import io.tidemark.maintenance.audit.AsOfReader;
import io.tidemark.maintenance.audit.AuditedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.projectnessie.model.Tag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tidemark audit show}: the join table's rows as they were at a snapshot, a time, or a tag. On Nessie a tag is a
 * Nessie tag, read through the catalog at that tag.
 */
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
    DatasetPrinter.checkMaxRows(maxRows);
    AuditedTable table = audit.auditedTable(conf.file, spec.commandLine().getErr());
    Optional<Tag> nessieTag = nessieTag(table);
    Dataset<Row> read;
    String described;
    if (nessieTag.isPresent()) {
      read = readAtNessieTag(table, nessieTag.get());
      described = "Nessie tag " + nessieTag.get().getName() + " (commit " + nessieTag.get().getHash() + ")";
      if (ds != null) {
        read = AsOfReader.ofDay(read, ds);
      }
    } else {
      AsOf point = resolve(table);
      read = ds == null ? AsOfReader.read(table, point) : AsOfReader.read(table, point, ds);
      described = point.describe();
    }
    List<Column> order = new ArrayList<>();
    order.add(col(Names.PARTITION_COLUMN));
    table.rowKeyColumns().forEach(key -> order.add(col(key)));
    Dataset<Row> rows = read.orderBy(order.toArray(Column[]::new));
    AuditCommand.printHeading(spec, format, table.name() + " as of " + described
        + (ds == null ? "" : ", ds " + ds) + ":");
    boolean truncated = DatasetPrinter.print(rows, format, maxRows, spec.commandLine().getOut());
    if (truncated) {
      spec.commandLine().getErr().printf("Only the first %d rows are shown; pass --ds or --max-rows, or --format "
          + "jsonl for every row.%n", maxRows);
    }
    return 0;
  }

  private Optional<Tag> nessieTag(AuditedTable table) {
    if (!(table.catalog().config() instanceof NessieCatalogConfig nessie)) {
      return Optional.empty();
    }
    try (NessieTags tags = new NessieTags(nessie)) {
      return tags.find(asOf.strip());
    }
  }

  /** The snapshot {@link #asOf} names; on Nessie, where only the current snapshot is served, a failure says so. */
  private AsOf resolve(AuditedTable table) {
    try {
      return AsOf.resolve(table, asOf);
    } catch (TidemarkException e) {
      if (!(table.catalog().config() instanceof NessieCatalogConfig nessie)) {
        throw e;
      }
      throw new TidemarkException(e.category(), e.getMessage() + ". On " + nessie.describe() + " each table shows "
          + "its current snapshot only, and '" + asOf.strip() + "' is not a Nessie tag: earlier states are read "
          + "through Nessie tags (tidemark audit tag)", e);
    }
  }

  /** The table as the tag has it: Nessie's REST catalog reads {@code <table>@<ref>} at that ref. */
  private static Dataset<Row> readAtNessieTag(AuditedTable table, Tag tag) {
    String current = table.catalog().sqlName(table.name());
    String atTag = current.substring(0, current.length() - 1) + "@" + tag.getName() + "`";
    return table.catalog().spark().table(atTag);
  }
}
