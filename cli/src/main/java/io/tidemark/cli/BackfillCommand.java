package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillPlan;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.BackfillResult;
import io.tidemark.engine.JoinBackfill;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tidemark backfill}: fills the join's missing partitions, step by step. */
@Command(name = "backfill", description = "Fill a join's output table for the left partitions it does not have yet.")
final class BackfillCommand implements Callable<Integer> {
  @ParentCommand
  TidemarkCommand root;

  @Spec
  CommandSpec spec;

  @Option(names = "--conf", required = true, paramLabel = "FILE", description = "The join definition.")
  Path conf;

  @Option(names = "--start-ds", paramLabel = "DAY", description = "First day to fill (default: first left partition).")
  String startDs;

  @Option(names = "--end-ds", paramLabel = "DAY", description = "Last day to fill (default: last left partition).")
  String endDs;

  @Option(names = "--step-days", paramLabel = "N", description = "Days per commit (default: ${DEFAULT-VALUE}).")
  int stepDays = BackfillRange.DEFAULT_STEP_DAYS;

  @Option(names = "--dry-run", description = "Check everything and print the plan; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BackfillRange range = range();
    Loaded<Join> join = DefinitionLoader.loadJoin(conf);
    Warnings.print(join.warnings(), err);
    TidemarkCatalog catalog = root.catalogs().open(root.options);
    if (dryRun) {
      out.print(new JoinBackfill(catalog, join).plan(range).describe());
      out.println("Dry run: nothing was written.");
      return 0;
    }
    execute(catalog, join, range, out, err);
    return 0;
  }

  /** Plans (printing the plan), runs with progress, and prints a one-line summary. */
  static void execute(TidemarkCatalog catalog, Loaded<Join> join, BackfillRange range, PrintWriter out,
      PrintWriter err) {
    JoinBackfill backfill = new JoinBackfill(catalog, join);
    BackfillPlan plan = backfill.plan(range);
    err.print(plan.describe());
    err.flush();
    if (!plan.hasWork()) {
      out.printf("Nothing to do for %s: %s already has every left partition in range.%n", plan.joinName(),
          plan.outputTable());
      out.flush();
      return;
    }
    BackfillResult result = backfill.run(plan, new ProgressPrinter(err));
    out.printf("Backfilled %s: %,d row(s) in %d partition(s) of %s, %d step(s), %s.%n", plan.joinName(),
        result.rowsWritten(), result.partitionsWritten(), result.outputTable(), result.steps().size(),
        Durations.format(result.millis()));
    if (!result.emptyPartitions().isEmpty()) {
      out.printf("Left partitions with no rows after the left query's filters (nothing written): %s%n",
          result.emptyPartitions());
    }
    out.flush();
  }

  private BackfillRange range() {
    for (String day : new String[] {startDs, endDs}) {
      if (day != null && !PartitionDates.isValid(day)) {
        throw invalid("Invalid day " + day + ". Fix: write days as yyyy-MM-dd, e.g. --start-ds 2023-11-01");
      }
    }
    if (startDs != null && endDs != null && startDs.compareTo(endDs) > 0) {
      throw invalid("--start-ds " + startDs + " is after --end-ds " + endDs + ". Fix: swap them");
    }
    if (stepDays < 1) {
      throw invalid("--step-days " + stepDays + " is not a number of days. Fix: pass 1 or more");
    }
    return new BackfillRange(startDs, endDs, stepDays);
  }

  private static TidemarkException invalid(String message) {
    return new TidemarkException(ErrorCategory.INVALID_ARGUMENT, message);
  }
}
