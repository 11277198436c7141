package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.time.Day;
import io.tidemark.engine.BackfillRange;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code backfill} and {@code plan} take: the definition, the days to fill, and the catalog. */
final class BackfillOptions extends CatalogJob {
  @Mixin
  DefinitionOptions definitions;

  @Option(names = "--conf", required = true, paramLabel = "FILE",
      description = "The definition: a join, a GroupBy or a staging query. " + RemoteDefinitions.HELP)
  Path conf;

  @Option(names = "--start-ds", paramLabel = "DAY",
      description = "First day to fill (default: the first day of the input).")
  String startDs;

  @Option(names = "--end-ds", paramLabel = "DAY",
      description = "Last day to fill (default: the last day of the input; today for staging queries).")
  String endDs;

  @Option(names = "--step-days", paramLabel = "N", description = "Days per commit (default: the definition's "
      + "customJson --step-days, else " + BackfillRange.DEFAULT_STEP_DAYS + ").")
  Integer stepDays;

  /** The definition in --conf, read before Spark starts, its warnings printed. */
  LoadedDefinition definition() {
    return LoadedDefinition.read(conf, readOptions(definitions), err());
  }

  BackfillRange range(BackfillRange.Refill refill) {
    DayArguments.checkRange(startDs, endDs, "--start-ds", "--end-ds");
    Optional<Day> start = DayArguments.day(startDs);
    Optional<Day> end = DayArguments.day(endDs);
    if (stepDays == null) {
      return BackfillRange.withDefaultSteps(start, end, refill);
    }
    if (stepDays < 1) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "--step-days " + stepDays + " is not a number of "
          + "days. Fix: pass 1 or more");
    }
    return new BackfillRange(start, end, stepDays, refill);
  }
}
