package io.tidemark.cli;

import io.tidemark.catalog.CatalogAccess;
import io.tidemark.engine.BackfillRange;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tidemark plan}: what a backfill would decide and do, checked against the tables and data; writes nothing. */
@Command(name = "plan", description = "Check a definition against its tables and print what a backfill would do: "
    + "decisions about the table (archive, evolve), steps and days. Writes nothing.")
final class PlanCommand implements Callable<Integer> {
  @Mixin
  BackfillOptions options;

  @Mixin
  ReportOutput output;

  @Override
  public Integer call() {
    PrintWriter out = options.out();
    PrintWriter err = options.err();
    BackfillRange range = options.range(BackfillRange.Refill.MISSING);
    LoadedDefinition definition = options.definition();
    EngineSteps steps = new EngineSteps(options.open(CatalogAccess.READ_ONLY), output.json() ? err : out);
    PlanDocument plan = PlanDocument.of(steps.backfillOf(definition).plan(range));
    if (output.json()) {
      output.print(Map.of("definition", definition.loaded().file(), "plans", List.of(plan.json())), out);
    } else {
      out.print(plan.text());
    }
    out.flush();
    return 0;
  }
}
