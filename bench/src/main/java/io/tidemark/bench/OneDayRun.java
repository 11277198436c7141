package io.tidemark.bench;

import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.DataCheckTiming;
import io.tidemark.engine.JoinBackfill;
import java.nio.file.Path;

/** One timed backfill of a join for one day into a table dropped first, with where it spent its time. */
record OneDayRun(long millis, RunProfile profile) {
  /** Drops {@code output} ({@code namespace.table}), then backfills {@code join} for {@code day} alone. */
  static OneDayRun of(TidemarkCatalog catalog, Path join, String day, String output) {
    catalog.spark().sql("DROP TABLE IF EXISTS lake." + output);
    long started = System.nanoTime();
    RunProfile profile = RunProfile.start(catalog.spark().sparkContext());
    try {
      JoinBackfill backfill = new JoinBackfill(catalog, DefinitionLoader.loadJoin(join));
      backfill.run(backfill.plan(new BackfillRange(day, day, BackfillRange.DEFAULT_STEP_DAYS),
          DataCheckTiming.WHILE_RUNNING), BackfillListener.NONE);
    } finally {
      profile.stop();
    }
    return new OneDayRun((System.nanoTime() - started) / 1_000_000, profile);
  }
}
