package io.tidemark.engine;

import java.util.ArrayList;
import io.tidemark.catalog.CoverageLedger;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/** The step loop every backfill shares: progress before and after each step, timings, and the result. */
final class BackfillSteps {
  private BackfillSteps() {}

  /**
   * Runs {@code step} (given the run id and the step's days, returning its rows written and days without input) for
   * every step of {@code plan}.
   */
  static BackfillResult run(BackfillPlan plan, BackfillListener listener,
      BiFunction<String, List<String>, StepOutcome> step) {
    long started = System.currentTimeMillis();
    String runId = UUID.randomUUID().toString();
    List<StepResult> results = new ArrayList<>();
    List<List<String>> steps = plan.fill().steps();
    for (int i = 0; i < steps.size(); i++) {
      List<String> days = steps.get(i);
      listener.stepStarted(i + 1, steps.size(), days);
      long stepStarted = System.currentTimeMillis();
      StepOutcome outcome = step.apply(runId, days);
      StepResult result = new StepResult(days, outcome.rowsWritten(), outcome.emptyDays(), outcome.coverage(),
          System.currentTimeMillis() - stepStarted);
      results.add(result);
      listener.stepFinished(i + 1, steps.size(), result);
    }
    return new BackfillResult(runId, plan.outputTable(), results, System.currentTimeMillis() - started);
  }

  /** What one step wrote, which of its days had no input rows, and where a join step's values came from. */
  record StepOutcome(long rowsWritten, List<String> emptyDays, Optional<CoverageLedger> coverage) {
    StepOutcome(long rowsWritten, List<String> emptyDays) {
      this(rowsWritten, emptyDays, Optional.empty());
    }
  }
}
