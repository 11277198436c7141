package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.CatalogConfig;
import io.tidemark.catalog.NessieCatalogConfig;
import io.tidemark.catalog.NessieTags;
import io.tidemark.maintenance.audit.AuditedTable;
import io.tidemark.maintenance.audit.SnapshotTag;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.projectnessie.model.Tag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tidemark audit tag}: names the join table's current snapshot, for example the set a model trained on. On
 * Nessie the tag is a Nessie tag and names the whole catalog at its current commit (every table and view).
 */
@Command(name = "tag", description = "Name the current snapshot of a join's table, e.g. what a model trained on.")
final class AuditTagCommand implements Callable<Integer> {
  @ParentCommand
  AuditCommand audit;

  @Spec
  CommandSpec spec;

  @Mixin
  JoinConf conf;

  @Option(names = "--name", required = true, paramLabel = "TAG", description = "The tag, e.g. model-v3; must be new.")
  String name;

  @Option(names = "--retain-days", paramLabel = "N",
      description = "Drop the tag after N days, letting its snapshot expire (default: keep it until removed).")
  Integer retainDays;

  @Override
  public Integer call() {
    if (retainDays != null && retainDays < 1) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT,
          "--retain-days " + retainDays + " is not a number of days. Fix: pass 1 or more, or leave it out to keep "
              + "the tag until it is removed");
    }
    AuditedTable table = audit.auditedTable(conf.file, spec.commandLine().getErr());
    CatalogConfig catalog = table.catalog().config();
    if (catalog instanceof NessieCatalogConfig nessie) {
      return tagNessie(nessie, table);
    }
    Optional<Duration> retention = Optional.ofNullable(retainDays).map(Duration::ofDays);
    SnapshotTag tag = SnapshotTag.createOnCurrent(table, name, retention);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Tagged snapshot %d of %s (committed %s) as %s, kept %s.%n", tag.snapshotId(), table.name(),
        tag.committedAt(), tag.name(), retainDays == null ? "until removed" : "for " + retainDays + " day(s)");
    out.printf("Read it with: tidemark audit show --conf %s --as-of %s%n", conf.file, tag.name());
    out.flush();
    return 0;
  }

  private int tagNessie(NessieCatalogConfig nessie, AuditedTable table) {
    if (retainDays != null) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT, "--retain-days does not apply to " + nessie.describe()
          + ": a Nessie tag stays until it is deleted. Fix: leave out --retain-days, and delete the tag with Nessie's "
          + "tools when it is no longer needed");
    }
    Tag tag;
    try (NessieTags tags = new NessieTags(nessie)) {
      tag = tags.createOnCurrent(name);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Tagged Nessie commit %s of %s as %s: every table and view as they are now, %s included.%n",
        tag.getHash(), nessie.ref(), tag.getName(), table.name());
    out.printf("Read it with: tidemark audit show --conf %s --as-of %s%n", conf.file, tag.getName());
    out.flush();
    return 0;
  }
}
