package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.Backfill;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.GroupByBackfill;
import io.tidemark.engine.JoinBackfill;
import io.tidemark.engine.StagingQueryBackfill;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** What {@code backfill} and {@code plan} take: the definition and the days to fill. */
final class BackfillOptions {
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

  /**
   * Reads and checks the definition before Spark starts, so a bad one fails fast; then opens the catalog and returns
   * the backfill: read-only for a plan or dry run.
   */
  Backfill backfill(TidemarkCommand root, PrintWriter err, CatalogAccess access) {
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
    return backfillOf.apply(root.catalogs().open(root.options, access));
  }

  BackfillRange range() {
    for (String day : new String[] {startDs, endDs}) {
      DayArguments.checkDay(day, "--start-ds 2023-11-01");
    }
    if (startDs != null && endDs != null && startDs.compareTo(endDs) > 0) {
      throw invalid("--start-ds " + startDs + " is after --end-ds " + endDs + ". Fix: swap them");
    }
    if (stepDays < 1) {
      throw invalid("--step-days " + stepDays + " is not a number of days. Fix: pass 1 or more");
    }
    return new BackfillRange(startDs, endDs, stepDays);
  }

  private static <T> Loaded<T> warned(Loaded<T> definition, PrintWriter err) {
    Warnings.print(definition.warnings(), err);
    return definition;
  }

  private static TidemarkException invalid(String message) {
    return new TidemarkException(ErrorCategory.INVALID_ARGUMENT, message);
  }
}
