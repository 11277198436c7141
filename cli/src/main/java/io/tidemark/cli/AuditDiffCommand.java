package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.maintenance.audit.AsOf;
import io.tidemark.maintenance.audit.AuditedTable;
import io.tidemark.maintenance.audit.DiffMethod;
import io.tidemark.maintenance.audit.DiffMode;
import io.tidemark.maintenance.audit.RowChange;
import io.tidemark.maintenance.audit.SnapshotDiff;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidemark audit diff}: which rows and values of a table changed between two points. */
@Command(name = "diff", description = "Count the rows added and removed, and the values changed per column, between "
    + "two points of a table; with --rows, list the rows that differ and their values.")
final class AuditDiffCommand implements Callable<Integer> {
  @Mixin
  AuditTarget target;

  @Mixin
  RowKeyOption key;

  @Option(names = "--from", required = true, paramLabel = "WHEN",
      description = "The earlier point: a snapshot id, a time in UTC, or a tag or branch.")
  String from;

  @Option(names = "--to", paramLabel = "WHEN",
      description = "The later point, read like --from (default: ${DEFAULT-VALUE}, the current snapshot).")
  String to = "main";

  @Option(names = "--rows", paramLabel = "N",
      description = "Also list up to N rows that differ (ordered by row key and ds), with their values.")
  int rows;

  @Option(names = "--compare", paramLabel = "HOW",
      description = "auto or full (default: ${DEFAULT-VALUE}). auto compares on their values only the rows that "
          + "Iceberg row lineage shows changed, where both points have it (format version 3), and every row "
          + "otherwise; full compares every row. The diff is the same either way.")
  DiffMode compare = DiffMode.AUTO;

  @Mixin
  ReportOutput output;

  @Override
  public Integer call() {
    if (rows < 0) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "--rows " + rows + " is not a number of rows. "
          + "Fix: pass 0 or more");
    }
    AuditedTable table = target.table(key.columns);
    AsOf fromPoint = AsOf.resolve(table, from);
    AsOf toPoint = AsOf.resolve(table, to);
    SnapshotDiff diff = SnapshotDiff.between(table, fromPoint, toPoint, compare);
    List<RowChange> changes = rows == 0
        ? List.of()
        : SnapshotDiff.changedRows(table, fromPoint, toPoint, rows, compare);
    PrintWriter out = target.out();
    if (output.json()) {
      output.print(json(table, diff, changes), out);
      return 0;
    }
    out.println("Diff of " + table.name() + ":");
    out.println("from:            " + diff.from().describe());
    out.println("to:              " + diff.to().describe());
    out.println("matched on:      " + String.join(", ", diff.keyColumns()));
    out.println("computed by:     " + diff.method().describe());
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
    if (rows > 0) {
      long differing = diff.addedRows() + diff.removedRows() + diff.changedRows();
      out.printf("rows that differ (%d of %,d):%n", changes.size(), differing);
      for (RowChange change : changes) {
        out.println("  " + change.kind().name().toLowerCase(Locale.ROOT) + " " + RowPrinter.text(change.key()));
        change.values().forEach((column, values) -> out.println("    " + column + ": "
            + RowPrinter.text(SparkValues.of(values.from())) + " -> " + RowPrinter.text(SparkValues.of(values.to()))));
      }
    }
    out.flush();
    return 0;
  }

  private static Map<String, Object> json(AuditedTable table, SnapshotDiff diff, List<RowChange> changes) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("table", table.name().toString());
    document.put("from", point(diff.from()));
    document.put("to", point(diff.to()));
    document.put("matched_on", diff.keyColumns());
    document.put("computed_by", method(diff.method()));
    document.put("rows_added", diff.addedRows());
    document.put("rows_removed", diff.removedRows());
    document.put("rows_in_both", diff.matchedRows());
    document.put("rows_changed", diff.changedRows());
    document.put("columns_added", diff.addedColumns());
    document.put("columns_removed", diff.removedColumns());
    document.put("changed_values", diff.changedValues());
    List<Map<String, Object>> listed = new ArrayList<>();
    for (RowChange change : changes) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("change", change.kind().name().toLowerCase(Locale.ROOT));
      Map<String, Object> key = new LinkedHashMap<>();
      change.key().forEach((column, value) -> key.put(column, SparkValues.of(value)));
      row.put("key", key);
      Map<String, Object> values = new LinkedHashMap<>();
      change.values().forEach((column, value) -> {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("from", SparkValues.of(value.from()));
        pair.put("to", SparkValues.of(value.to()));
        values.put(column, pair);
      });
      row.put("values", values);
      listed.add(row);
    }
    document.put("rows", listed);
    return document;
  }

  private static Map<String, Object> point(AsOf point) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("snapshot_id", point.snapshotId());
    fields.put("committed_at", point.committedAt().toString());
    fields.put("given", point.text());
    fields.put("read_as", point.kind().name().toLowerCase(Locale.ROOT));
    return fields;
  }

  private static Map<String, Object> method(DiffMethod method) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("method", method.kind().name().toLowerCase(Locale.ROOT));
    method.fallbackReason().ifPresent(reason -> fields.put("reason", reason));
    fields.put("compared_from_rows", method.comparedFromRows());
    fields.put("compared_to_rows", method.comparedToRows());
    fields.put("unchanged_rows", method.unchangedRows());
    return fields;
  }

  private static String listOrNone(List<String> columns) {
    return columns.isEmpty() ? "none" : String.join(", ", columns);
  }
}
