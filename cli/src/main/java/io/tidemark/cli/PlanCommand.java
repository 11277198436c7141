package io.tidemark.cli;

import io.tidemark.catalog.CatalogAccess;
import io.tidemark.engine.BackfillRange;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tidemark plan}: what a backfill would decide and do, checked against the tables and data; writes nothing. */
@Command(name = "plan", description = "Check a definition against its tables and print what a backfill would do: "
    + "decisions about the table (archive, evolve), steps and days. Writes nothing.")
final class PlanCommand implements Callable<Integer> {
  @ParentCommand
  TidemarkCommand root;

  @Spec
  CommandSpec spec;

  @Mixin
  BackfillOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BackfillRange range = options.range();
    out.print(options.backfill(root, spec.commandLine().getErr(), CatalogAccess.READ_ONLY).plan(range).describe());
    out.flush();
    return 0;
  }
}
