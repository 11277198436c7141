package io.tidemark.cli;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.online.jobs.flatten.FlattenPlan;
import io.tidemark.online.jobs.flatten.FlattenResult;
import io.tidemark.online.jobs.flatten.LogFlatten;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark log-flatten}: flattens a join's raw request log into its log table and schema table. Days already
 * flattened whose raw files have not changed are left alone, so schedulers can run it as often as they like.
 */
@Command(name = "log-flatten", description = "Flatten a join's raw request log (<online-dir>/logs/<join>/) into "
    + "<output>_logged and <output>_log_schemas. Days whose raw files changed are replaced whole; others are kept.")
final class LogFlattenCommand implements Callable<Integer> {
  @Mixin
  JoinJob job;

  @Mixin
  OnlineOptions online;

  @Option(names = "--ds", paramLabel = "DAY", description = "Flatten this day only.")
  String ds;

  @Mixin
  DryRunOption dryRun;

  @Override
  public Integer call() {
    PrintWriter out = job.out();
    PrintWriter err = job.err();
    DayArguments.checkDay(ds, "--ds 2023-12-01");
    Loaded<Join> join = job.join();
    TidemarkCatalog catalog = job.open(dryRun.access());
    LogFlatten flatten = new LogFlatten(catalog, join.definition(), online.onlineDir(catalog.config()));
    FlattenPlan plan = flatten.plan(DayArguments.day(ds));
    if (plan.days().isEmpty()) {
      plan.describe().forEach(out::println);
      out.flush();
      return 0;
    }
    PrintWriter planOut = dryRun.on() ? out : err;
    plan.describe().forEach(planOut::println);
    planOut.flush();
    if (dryRun.on()) {
      out.println("Dry run: nothing was written.");
      out.flush();
      return 0;
    }
    FlattenResult result = flatten.run(plan, line -> {
      err.println(line);
      err.flush();
    });
    out.println(result.summary());
    out.flush();
    return 0;
  }
}
