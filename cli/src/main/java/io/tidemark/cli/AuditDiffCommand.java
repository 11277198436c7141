package io.tidemark.cli;

import io.tidemark.maintenance.audit.AsOf;
import io.tidemark.maintenance.audit.AuditedTable;
import io.tidemark.maintenance.audit.SnapshotDiff;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tidemark audit diff}: which rows and values of a join's table changed between two points. */
@Command(name = "diff", description = "Count the rows added and removed, and the values changed per column, between "
    + "two points of a join's table.")
final class AuditDiffCommand implements Callable<Integer> {
  @ParentCommand
  AuditCommand audit;

  @Spec
  CommandSpec spec;

  @Mixin
  JoinConf conf;

  @Option(names = "--from", required = true, paramLabel = "WHEN",
      description = "The earlier point: a snapshot id, a time in UTC, or a tag or branch.")
  String from;

  @Option(names = "--to", paramLabel = "WHEN",
      description = "The later point, read like --from (default: ${DEFAULT-VALUE}, the current snapshot).")
  String to = "main";

  @Override
  public Integer call() {
    AuditedTable table = audit.auditedTable(conf.file, spec.commandLine().getErr());
    SnapshotDiff diff = SnapshotDiff.between(table, AsOf.resolve(table, from), AsOf.resolve(table, to));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Diff of " + table.name() + ":");
    out.println("from:            " + diff.from().describe());
    out.println("to:              " + diff.to().describe());
    out.println("matched on:      " + String.join(", ", diff.keyColumns()));
    out.printf("rows added:      %,d%n", diff.addedRows());
    out.printf("rows removed:    %,d%n", diff.removedRows());
    out.printf("rows in both:    %,d%n", diff.matchedRows());
    out.printf("rows changed:    %,d%n", diff.changedRows());
    out.println("columns added:   " + listOrNone(diff.addedColumns()));
    out.println("columns removed: " + listOrNone(diff.removedColumns()));
    List<Map.Entry<String, Long>> changed = diff.changedValues().entrySet().stream()
        .filter(column -> column.getValue() > 0)
        .toList();
    if (changed.isEmpty()) {
      out.println("changed values:  none");
    } else {
      out.println("changed values (rows in both whose value differs):");
      int width = changed.stream().mapToInt(column -> column.getKey().length()).max().orElseThrow();
      changed.forEach(column -> out.printf("  %-" + width + "s  %,d%n", column.getKey(), column.getValue()));
    }
    out.flush();
    return 0;
  }

  private static String listOrNone(List<String> columns) {
    return columns.isEmpty() ? "none" : String.join(", ", columns);
  }
}
