package io.tidemark.cli;

import io.tidemark.maintenance.audit.HistoryEntry;
import io.tidemark.maintenance.audit.TableHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tidemark audit history}: every commit that led to a table's current state, oldest first. */
@Command(name = "history", description = "List the commits of a table, oldest first, with the runs that made them.")
final class AuditHistoryCommand implements Callable<Integer> {
  private static final List<String> COLUMNS = List.of("snapshot_id", "committed_at", "operation", "action", "run_id",
      "ds_range", "definition_hash", "added_rows", "deleted_rows", "tags", "coverage");

  @Mixin
  AuditTarget target;

  @Mixin
  RowsOutput output;

  @Override
  public Integer call() {
    output.check();
    TableHistory history = TableHistory.of(target.table(List.of()));
    output.heading("History of " + history.table() + " (" + history.entries().size()
        + " commit(s), oldest first; times in UTC):");
    List<List<Object>> rows = new ArrayList<>();
    for (HistoryEntry entry : history.entries()) {
      rows.add(Arrays.asList(entry.snapshotId(), entry.committedAt().toString(), entry.operation(),
          entry.action().orElse(null), entry.runId().orElse(null), entry.dsRange().orElse(null),
          entry.definitionHash().orElse(null), entry.addedRecords(), entry.deletedRecords(), entry.tags(),
          entry.coverage().map(coverage -> coverage.replace("\n", "; ")).orElse(null)));
    }
    if (output.print(COLUMNS, rows, target.out())) {
      target.err().printf("Only the first %d commits are shown; pass --max-rows, or --format jsonl "
          + "for every commit.%n", output.maxRows);
    }
    return 0;
  }
}
