package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.Backfill;
import io.tidemark.engine.BackfillPlan;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.BackfillResult;
import io.tidemark.engine.GroupByBackfill;
import io.tidemark.engine.JoinBackfill;
import io.tidemark.engine.StagingQueryBackfill;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
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

  @Option(names = "--conf", required = true, paramLabel = "FILE",
      description = "The definition: a join, a GroupBy or a staging query.")
  Path conf;

  @Option(names = "--start-ds", paramLabel = "DAY",
      description = "First day to fill (default: the first day of the input).")
  String startDs;

  @Option(names = "--end-ds", paramLabel = "DAY",
      description = "Last day to fill (default: the last day of the input; today for staging queries).")
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
    // The definition is read and checked before Spark starts, so a bad one fails fast.
    Function<TidemarkCatalog, Backfill> backfillOf = switch (DefinitionLoader.kindOf(conf)) {
      case JOIN -> {
        Loaded<Join> join = warned(DefinitionLoader.loadJoin(conf), err);
        yield catalog -> new JoinBackfill(catalog, join);
      }
      case GROUP_BY -> {
        Loaded<GroupBy> groupBy = warned(DefinitionLoader.loadGroupBy(conf), err);
        yield catalog -> new GroupByBackfill(catalog, groupBy);
      }
      case STAGING_QUERY -> {
        Loaded<StagingQuery> query = warned(DefinitionLoader.loadStagingQuery(conf), err);
        yield catalog -> new StagingQueryBackfill(catalog, query, Clock.systemUTC());
      }
    };
    Backfill backfill = backfillOf.apply(root.catalogs().open(root.options));
    if (dryRun) {
      out.print(backfill.plan(range).describe());
      out.println("Dry run: nothing was written.");
      return 0;
    }
    execute(backfill, range, out, err);
    return 0;
  }

  private static <T> Loaded<T> warned(Loaded<T> definition, PrintWriter err) {
    Warnings.print(definition.warnings(), err);
    return definition;
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
    out.printf("Backfilled %s: %,d row(s) in %d partition(s) of %s, %d step(s), %s.%n", plan.definition(),
        result.rowsWritten(), result.partitionsWritten(), result.outputTable(), result.steps().size(),
        Durations.format(result.millis()));
    if (!result.emptyPartitions().isEmpty()) {
      out.printf("Days with no input rows (nothing written; looked at again next run): %s%n",
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
