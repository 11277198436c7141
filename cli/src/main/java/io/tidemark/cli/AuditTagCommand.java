package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.maintenance.audit.AuditTags;
import io.tidemark.maintenance.audit.AuditedTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark audit tag}: names a table's current snapshot, for example the set a model trained on. On Nessie the
 * tag is a Nessie tag and names the whole catalog at its current commit (every table and view).
 */
@Command(name = "tag", description = "Name the current snapshot of a table, e.g. what a model trained on.")
final class AuditTagCommand implements Callable<Integer> {
  @Mixin
  AuditTarget target;

  @Option(names = "--name", required = true, paramLabel = "TAG", description = "The tag, e.g. model-v3; must be new.")
  String name;

  @Option(names = "--retain-days", paramLabel = "N",
      description = "Drop the tag after N days, letting its snapshot expire (default: keep it until removed).")
  Integer retainDays;

  @Mixin
  ReportOutput output;

  @Override
  public Integer call() {
    if (retainDays != null && retainDays < 1) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION,
          "--retain-days " + retainDays + " is not a number of days. Fix: pass 1 or more, or leave it out to keep "
              + "the tag until it is removed");
    }
    AuditedTable table = target.table(List.of());
    AuditTags.Named tag = AuditTags.tag(table, name, Optional.ofNullable(retainDays).map(Duration::ofDays));
    PrintWriter out = target.out();
    if (output.json()) {
      output.print(AuditUntagCommand.describe("tagged", table, tag), out);
      return 0;
    }
    if (tag.scope() == AuditTags.Scope.CATALOG) {
      out.printf("Tagged Nessie commit %s of %s as %s: every table and view as they are now, %s included.%n",
          tag.target(), tag.where(), tag.name(), table.name());
    } else {
      out.printf("Tagged snapshot %s of %s (committed %s) as %s, kept %s.%n", tag.target(), table.name(),
          tag.committedAt().orElseThrow(), tag.name(),
          retainDays == null ? "until removed" : "for " + retainDays + " day(s)");
    }
    out.printf("Read it with: tidemark audit show %s --as-of %s%n", target.given(), tag.name());
    out.flush();
    return 0;
  }
}
