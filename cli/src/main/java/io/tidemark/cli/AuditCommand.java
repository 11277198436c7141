package io.tidemark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tidemark audit}: what a table Tidemark wrote held at any commit, which run wrote what, names for snapshots
 * and their removal, and the archives kept when a join's table was rebuilt.
 */
@Command(name = "audit",
    description = "Read a table as it was, see which run wrote what, compare two points, tag and untag snapshots, "
        + "list archives. Works on a definition's table (--conf) or any table by name (--table).",
    subcommands = {AuditHistoryCommand.class, AuditShowCommand.class, AuditDiffCommand.class, AuditTagCommand.class,
        AuditUntagCommand.class, AuditArchivesCommand.class})
final class AuditCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** Without a subcommand there is nothing to do: print what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.INVALID.code();
  }
}
