package io.tidemark.cli;

import io.tidemark.catalog.CatalogAccess;
import io.tidemark.engine.Backfill;
import io.tidemark.engine.BackfillPlan;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.BackfillResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tidemark backfill}: fills a join's, GroupBy's or staging query's table over the days it lacks. */
@Command(name = "backfill",
    description = "Fill the table of a join, GroupBy or staging query for the days it does not have yet.")
final class BackfillCommand implements Callable<Integer> {
  @ParentCommand
  TidemarkCommand root;

  @Spec
  CommandSpec spec;

  @Mixin
  BackfillOptions options;

  @Option(names = "--dry-run", description = "Check everything and print the plan; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BackfillRange range = options.range();
    Backfill backfill = options.backfill(root, err, dryRun ? CatalogAccess.READ_ONLY : CatalogAccess.READ_WRITE);
    if (dryRun) {
      out.print(backfill.plan(range).describe());
      out.println("Dry run: nothing was written.");
      return 0;
    }
    execute(backfill, range, out, err);
    return 0;
  }

  /** Plans (printing the plan), runs with progress, and prints a one-line summary. */
  static void execute(Backfill backfill, BackfillRange range, PrintWriter out, PrintWriter err) {
    BackfillPlan plan = backfill.plan(range);
    err.print(plan.describe());
    err.flush();
    if (!plan.hasWork()) {
      out.printf("Nothing to do for %s: %s already has every day in range.%n", plan.definition(), plan.outputTable());
      out.flush();
      return;
    }
    BackfillResult result = backfill.run(plan, new ProgressPrinter(err));
    out.printf("Backfilled %s: %,d row(s) in %d partition(s) of %s", plan.definition(), result.rowsWritten(),
        result.partitionsWritten(), result.outputTable());
    if (result.rowsRecomputed() > 0) {
      out.printf(", %,d row(s) recomputed", result.rowsRecomputed());
    }
    out.printf(", %d step(s)", result.steps().size());
    if (result.stepsDoneByAnotherRun() > 0) {
      out.printf(" (%d of them committed first by another run of the same join)", result.stepsDoneByAnotherRun());
    }
    out.printf(", %s.%n", Durations.format(result.millis()));
    if (!result.emptyPartitions().isEmpty()) {
      out.printf("Days with no input rows (nothing written; recorded, so later runs skip them): %s%n",
          result.emptyPartitions());
    }
    out.flush();
  }
}
