package io.tidemark.cli;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.maintenance.audit.AuditedTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tidemark audit}: what a join's table held at any commit, which run wrote what, names for snapshots, and the
 * archives kept when the table was rebuilt.
 */
@Command(name = "audit",
    description = "Read a join's table as it was, see which run wrote what, tag snapshots, list archives.",
    subcommands = {AuditHistoryCommand.class, AuditShowCommand.class, AuditDiffCommand.class, AuditTagCommand.class,
        AuditArchivesCommand.class})
final class AuditCommand implements Callable<Integer> {
  @ParentCommand
  TidemarkCommand root;

  @Spec
  CommandSpec spec;

  /** Without a subcommand there is nothing to do: print what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return TidemarkCommand.BAD_INPUT;
  }

  /** Reads the join (before Spark starts, so a bad definition fails fast). */
  static Loaded<Join> join(Path conf, PrintWriter err) {
    Loaded<Join> join = DefinitionLoader.loadJoin(conf);
    Warnings.print(join.warnings(), err);
    return join;
  }

  TidemarkCatalog catalog() {
    return root.catalogs().open(root.options);
  }

  /** The join's output table, which must exist. */
  AuditedTable auditedTable(Path conf, PrintWriter err) {
    Loaded<Join> join = join(conf, err);
    return AuditedTable.ofJoin(catalog(), join);
  }

  /**
   * Prints a line that says what the rows below are: with them on standard output for people (table format), on
   * standard error when the output is for programs.
   */
  static void printHeading(CommandSpec spec, OutputFormat format, String heading) {
    PrintWriter stream = format == OutputFormat.TABLE ? spec.commandLine().getOut() : spec.commandLine().getErr();
    stream.println(heading);
    stream.flush();
  }
}
