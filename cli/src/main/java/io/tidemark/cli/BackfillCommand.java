package io.tidemark.cli;

import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillRange;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidemark backfill}: fills a join's, GroupBy's or staging query's table over the days it lacks. */
@Command(name = "backfill",
    description = "Fill the table of a join, GroupBy or staging query for the days it does not have yet; with "
        + "--recompute, also compute the days it has again.")
final class BackfillCommand implements Callable<Integer> {
  @Mixin
  BackfillOptions options;

  @Option(names = "--recompute", description = "Also compute the days in range that the table has again (late data, "
      + "a fixed source): each step replaces exactly its partitions in one commit, recorded with the action "
      + "recompute.")
  boolean recompute;

  @Mixin
  DryRunOption dryRun;

  @Option(names = "--profile", description = "After the run, print to stderr where it spent its time: each "
      + "planning stage, check, step and commit, with the Spark stages that ran inside each.")
  boolean profile;

  @Mixin
  ReportOutput output;

  @Override
  public Integer call() {
    PrintWriter out = options.out();
    PrintWriter err = options.err();
    BackfillRange range = options.range(recompute ? BackfillRange.Refill.RECOMPUTE : BackfillRange.Refill.MISSING);
    LoadedDefinition definition = options.definition();
    TidemarkCatalog catalog = options.open(dryRun.access());
    EngineSteps steps = new EngineSteps(catalog, dryRun.on() && !output.json() ? out : err);
    RunProfile recording = profile ? RunProfile.start(catalog.spark().sparkContext()) : null;
    StepRecord step;
    try {
      step = steps.backfill(definition, range, dryRun.mode());
    } finally {
      if (recording != null) {
        recording.stop();
        err.print("Where the run spent its time:\n" + recording.describe());
        err.flush();
      }
    }
    if (output.json()) {
      output.print(Map.of("definition", definition.loaded().file(), "steps", List.of(step.json())), out);
    } else if (dryRun.on()) {
      out.println("Dry run: nothing was written.");
    } else {
      out.println(step.summary());
    }
    out.flush();
    return 0;
  }
}
