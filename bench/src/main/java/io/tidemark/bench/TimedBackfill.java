package io.tidemark.bench;

import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.DataCheckTiming;
import io.tidemark.engine.JoinBackfill;
import java.nio.file.Path;
import java.util.Optional;

/** One timed backfill of a join, with where it spent its time. */
record TimedBackfill(long millis, RunProfile profile) {
  /** Drops {@code output} ({@code namespace.table}), then backfills {@code join} over {@code range}. */
  static TimedBackfill of(TidemarkCatalog catalog, Path join, BackfillRange range, String output) {
    catalog.spark().sql("DROP TABLE IF EXISTS lake." + output);
    long started = System.nanoTime();
    RunProfile profile = RunProfile.start(catalog.spark().sparkContext());
    try {
      JoinBackfill backfill = new JoinBackfill(catalog, DefinitionLoader.loadJoin(join));
      backfill.run(backfill.plan(range, DataCheckTiming.WHILE_RUNNING), BackfillListener.NONE);
    } finally {
      profile.stop();
    }
    return new TimedBackfill((System.nanoTime() - started) / 1_000_000, profile);
  }

  /** {@link #of} for {@code day} alone. */
  static TimedBackfill oneDay(TidemarkCatalog catalog, Path join, String day, String output) {
    Optional<Day> only = Optional.of(Day.parse(day));
    return of(catalog, join, new BackfillRange(only, only, BackfillRange.DEFAULT_STEP_DAYS), output);
  }

  /** The faster of {@code best} (null before the first run) and {@code run}. */
  static TimedBackfill better(TimedBackfill best, TimedBackfill run) {
    return best == null || run.millis() < best.millis() ? run : best;
  }
}
