package io.tidemark.cli;

import io.tidemark.maintenance.audit.AuditTags;
import io.tidemark.maintenance.audit.AuditedTable;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark audit untag}: removes a tag. What it held stays readable until snapshot expiry ({@code tidemark
 * maintain}) finds that nothing else holds it.
 */
@Command(name = "untag", description = "Remove a tag of a table (on Nessie, a Nessie tag); its snapshots may then "
    + "expire.")
final class AuditUntagCommand implements Callable<Integer> {
  @Mixin
  AuditTarget target;

  @Option(names = "--name", required = true, paramLabel = "TAG", description = "The tag to remove.")
  String name;

  @Mixin
  ReportOutput output;

  @Override
  public Integer call() {
    AuditedTable table = target.table(List.of());
    AuditTags.Named removed = AuditTags.untag(table, name);
    PrintWriter out = target.out();
    if (output.json()) {
      output.print(describe("untagged", table, removed), out);
      return 0;
    }
    if (removed.scope() == AuditTags.Scope.CATALOG) {
      out.printf("Removed the Nessie tag %s (commit %s).%n", removed.name(), removed.target());
    } else {
      out.printf("Removed the tag %s of %s (snapshot %s, committed %s). Its snapshot expires with the next tidemark "
          + "maintain that finds nothing else holding it.%n", removed.name(), table.name(), removed.target(),
          removed.committedAt().orElseThrow());
    }
    out.flush();
    return 0;
  }

  /** A tag as JSON fields, for {@code --format json} of tag and untag. */
  static Map<String, Object> describe(String status, AuditedTable table, AuditTags.Named tag) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("status", status);
    fields.put("table", table.name().toString());
    fields.put("tag", tag.name());
    fields.put("scope", tag.scope().name().toLowerCase(Locale.ROOT));
    fields.put(tag.scope() == AuditTags.Scope.CATALOG ? "nessie_commit" : "snapshot_id", tag.target());
    tag.committedAt().ifPresent(time -> fields.put("committed_at", time.toString()));
    tag.retention().ifPresent(age -> fields.put("retain_days", age.toDays()));
    return fields;
  }
}
