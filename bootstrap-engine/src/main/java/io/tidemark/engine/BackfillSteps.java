package io.tidemark.engine;

import io.tidemark.api.time.Day;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.RunProfile;
import io.tidemark.engine.plan.FillRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

/** The step loop every backfill shares: progress before and after each step, timings, and the result. */
final class BackfillSteps {
  private BackfillSteps() {}

  /** A new run's id. */
  static String newRunId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Runs {@code step} (given the run id and the planned step, returning its rows written and days without input) for
   * every step of {@code plan}, as run {@code runId}.
   */
  static BackfillResult run(PlanSummary plan, String runId, BackfillListener listener,
      BiFunction<String, PlannedStep, StepOutcome> step) {
    long started = System.currentTimeMillis();
    List<StepResult> results = new ArrayList<>();
    List<PlannedStep> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      PlannedStep planned = steps.get(i);
      listener.stepStarted(i + 1, steps.size(), planned);
      long stepStarted = System.currentTimeMillis();
      StepOutcome outcome;
      try (RunProfile.Stage stage = RunProfile.stage("step " + (i + 1))) {
        outcome = step.apply(runId, planned);
      }
      StepResult result = new StepResult(planned.kind(), outcome.status(), planned.days(), outcome.rowsWritten(),
          outcome.emptyDays(), outcome.coverage(), System.currentTimeMillis() - stepStarted);
      results.add(result);
      listener.stepFinished(i + 1, steps.size(), result);
    }
    return new BackfillResult(runId, plan.outputTable(), results, System.currentTimeMillis() - started);
  }

  /**
   * The steps that compute again the days of {@code range} that the table has ({@code written}) and its input still
   * has ({@code available}), when the range asks for it; none otherwise.
   */
  static List<PlannedStep> recomputeSteps(BackfillRange range, Set<Day> written, Set<Day> available,
      Optional<Day> start, Optional<Day> end, FillRange.Steps shape) {
    if (range.refill() != BackfillRange.Refill.RECOMPUTE) {
      return List.of();
    }
    SortedSet<Day> filled = new TreeSet<>(written);
    filled.retainAll(available);
    return FillRange.plan(filled, Set.of(), start, end, range.stepDays(), shape).steps().stream()
        .map(days -> new PlannedStep(StepKind.RECOMPUTE_DAYS, days))
        .toList();
  }

  /**
   * How one step ended, what it wrote, which of its days had no input rows, and where a join step's values came
   * from.
   */
  record StepOutcome(StepStatus status, long rowsWritten, List<Day> emptyDays, Optional<CoverageLedger> coverage) {
    StepOutcome(long rowsWritten, List<Day> emptyDays, Optional<CoverageLedger> coverage) {
      this(StepStatus.COMMITTED, rowsWritten, emptyDays, coverage);
    }

    StepOutcome(long rowsWritten, List<Day> emptyDays) {
      this(rowsWritten, emptyDays, Optional.empty());
    }

    /** A step whose days another run committed first. */
    static StepOutcome doneByAnotherRun() {
      return new StepOutcome(StepStatus.DONE_BY_ANOTHER_RUN, 0, List.of(), Optional.empty());
    }
  }
}
