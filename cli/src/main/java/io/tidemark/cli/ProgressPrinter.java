package io.tidemark.cli;

import io.tidemark.api.time.DayRange;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.PlannedStep;
import io.tidemark.engine.StepKind;
import io.tidemark.engine.StepResult;
import io.tidemark.engine.StepStatus;
import java.io.PrintWriter;

/** Prints one line when a backfill step starts and one when it is committed. */
final class ProgressPrinter implements BackfillListener {
  private final PrintWriter err;

  ProgressPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void stepStarted(int step, int steps, PlannedStep planned) {
    err.printf("[step %d/%d] %s%s: computing %d partition(s)...%n", step, steps, kind(planned.kind()),
        planned.range(), planned.days().size());
    err.flush();
  }

  @Override
  public void stepFinished(int step, int steps, StepResult result) {
    if (result.status() == StepStatus.DONE_BY_ANOTHER_RUN) {
      err.printf("[step %d/%d] %s%s: already committed by another run of the same join; skipped%n", step, steps,
          kind(result.kind()), span(result));
      err.flush();
      return;
    }
    err.printf("[step %d/%d] %s%s: %s %,d row(s) in %s%s%n", step, steps, kind(result.kind()),
        span(result), result.kind() == StepKind.FILL ? "committed" : "updated", result.rowsWritten(),
        Durations.format(result.millis()),
        result.emptyPartitions().isEmpty() ? "" : "; no left rows in " + result.emptyPartitions()
            + " (recorded; later runs skip them)");
    result.coverage().ifPresent(coverage -> coverage.describe().lines()
        .forEach(line -> err.printf("[step %d/%d]   %s%n", step, steps, line)));
    err.flush();
  }

  private static DayRange span(StepResult result) {
    return DayRange.spanning(result.partitions());
  }

  private static String kind(StepKind kind) {
    return kind == StepKind.FILL ? "" : kind.description() + " ";
  }

}
