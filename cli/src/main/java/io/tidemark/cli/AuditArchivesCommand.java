package io.tidemark.cli;

import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.maintenance.audit.ArchivedTable;
import io.tidemark.maintenance.audit.TableArchives;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tidemark audit archives}: the copies of a join's table kept when it was rebuilt, oldest first. */
@Command(name = "archives", description = "List the archived copies of a join's table, oldest first.")
final class AuditArchivesCommand implements Callable<Integer> {
  private static final List<String> COLUMNS = List.of("archive", "archived_at", "reason", "rows");

  @ParentCommand
  AuditCommand audit;

  @Spec
  CommandSpec spec;

  @Mixin
  JoinConf conf;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, jsonl or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.TABLE;

  @Override
  public Integer call() {
    // The output table itself need not exist: a rebuild may have archived it and not written it again yet.
    TableName output = Names.joinOutputTable(AuditCommand.join(conf.file, spec.commandLine().getErr()).definition());
    List<ArchivedTable> archives = TableArchives.list(audit.catalog(), output);
    if (archives.isEmpty()) {
      spec.commandLine().getOut().println("No archives of " + output + ".");
      spec.commandLine().getOut().flush();
      return 0;
    }
    AuditCommand.printHeading(spec, format, "Archives of " + output + " (oldest first; times in UTC):");
    List<List<Object>> rows = new ArrayList<>();
    for (ArchivedTable archive : archives) {
      rows.add(Arrays.asList(archive.archive().toString(), archive.archivedAt().toString(),
          archive.reason().orElse(null), archive.rows()));
    }
    ResultPrinter.print(COLUMNS, rows, format, spec.commandLine().getOut());
    return 0;
  }
}
