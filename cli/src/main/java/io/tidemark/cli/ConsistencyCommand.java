package io.tidemark.cli;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.CatalogConfig;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.online.jobs.consistency.ConsistencyCheck;
import io.tidemark.online.jobs.consistency.ConsistencyPlan;
import io.tidemark.online.jobs.consistency.ConsistencyResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark consistency}: compares a day of a join's logged online values with the same rows computed offline,
 * writes the metrics to {@code <output>_consistency} (the day replaced) and an HTML report.
 */
@Command(name = "consistency", description = "Compare the values a join's online fetches logged on --ds with the "
    + "same keys and request times computed offline; write <output>_consistency and an HTML report.")
final class ConsistencyCommand implements Callable<Integer> {
  static final String REPORTS = "reports";

  @Mixin
  JoinJob job;

  @Option(names = "--ds", required = true, paramLabel = "DAY", description = "The day of logged fetches to check.")
  String ds;

  @Option(names = "--report", paramLabel = "FILE", description = "Where to write the HTML report (default: "
      + "reports/<output table>_consistency_<ds>.html in the embedded catalog's warehouse, else ./reports/).")
  Path report;

  @Override
  public Integer call() {
    PrintWriter out = job.out();
    PrintWriter err = job.err();
    DayArguments.checkDay(ds, "--ds 2023-12-01");
    Day day = Day.parse(ds);
    Loaded<Join> join = job.join();
    TidemarkCatalog catalog = job.open();
    ConsistencyCheck check = new ConsistencyCheck(catalog, join);
    ConsistencyPlan plan = check.plan(day);
    plan.describe().forEach(err::println);
    err.flush();
    Path target = report != null ? report : defaultReport(catalog.config(), join.definition(), day);
    ConsistencyResult result = check.run(plan, target, line -> {
      err.println(line);
      err.flush();
    });
    out.println(result.summary());
    out.flush();
    return 0;
  }

  static Path defaultReport(CatalogConfig catalog, Join join, Day day) {
    Path folder = catalog.localFolder().map(warehouse -> warehouse.resolve(REPORTS)).orElse(Path.of(REPORTS));
    return folder.resolve(Names.joinOutputTable(join).name() + "_consistency_" + day + ".html");
  }
}
