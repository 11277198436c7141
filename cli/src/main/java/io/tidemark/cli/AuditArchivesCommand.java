package io.tidemark.cli;

import io.tidemark.api.naming.TableName;
import io.tidemark.maintenance.audit.ArchivedTable;
import io.tidemark.maintenance.audit.TableArchives;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tidemark audit archives}: the copies of a table kept when it was rebuilt, oldest first. */
@Command(name = "archives", description = "List the archived copies of a table, oldest first.")
final class AuditArchivesCommand implements Callable<Integer> {
  private static final List<String> COLUMNS = List.of("archive", "archived_at", "reason", "rows");

  @Mixin
  AuditTarget target;

  @Mixin
  RowsOutput output;

  @Override
  public Integer call() {
    output.check();
    // The table itself need not exist: a rebuild may have archived it and not written it again yet.
    TableName table = target.name();
    List<ArchivedTable> archives = TableArchives.list(target.open(), table);
    if (archives.isEmpty()) {
      target.out().println("No archives of " + table + ".");
      target.out().flush();
      return 0;
    }
    output.heading("Archives of " + table + " (oldest first; times in UTC):");
    List<List<Object>> rows = new ArrayList<>();
    for (ArchivedTable archive : archives) {
      rows.add(Arrays.asList(archive.archive().toString(), archive.archivedAt().toString(),
          archive.reason().orElse(null), archive.rows()));
    }
    output.print(COLUMNS, rows, target.out());
    return 0;
  }
}
