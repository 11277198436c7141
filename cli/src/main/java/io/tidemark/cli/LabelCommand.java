package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.labels.LabelRange;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark label}: computes a join's labels for one {@code label_ds} (always, replacing it) or for the days of
 * a range that the label table lacks, then writes the {@code _labeled} and {@code _labeled_latest} views.
 */
@Command(name = "label", description = "Compute a join's labels as of --label-ds (replacing that version), or the "
    + "missing versions from --start-label-ds to --end-label-ds; then write its _labeled and _labeled_latest views.")
final class LabelCommand implements Callable<Integer> {
  @Mixin
  JoinJob job;

  @Option(names = "--label-ds", paramLabel = "DAY",
      description = "The label version to compute; replaces the version if the label table has it.")
  String labelDs;

  @Option(names = "--start-label-ds", paramLabel = "DAY",
      description = "First label version of a range; a range computes only the versions the label table lacks.")
  String startLabelDs;

  @Option(names = "--end-label-ds", paramLabel = "DAY", description = "Last label version of a range.")
  String endLabelDs;

  @Mixin
  DryRunOption dryRun;

  @Mixin
  ReportOutput output;

  @Override
  public Integer call() {
    PrintWriter out = job.out();
    PrintWriter err = job.err();
    LabelRange range = range();
    Loaded<Join> join = job.join();
    TidemarkCatalog catalog = job.open(dryRun.access());
    EngineSteps steps = new EngineSteps(catalog, dryRun.on() && !output.json() ? out : err);
    StepRecord step = steps.label(join, range, dryRun.mode());
    if (output.json()) {
      output.print(Map.of("definition", join.file(), "steps", List.of(step.json())), out);
    } else if (dryRun.on()) {
      out.println("Dry run: nothing was written.");
    } else {
      out.println(step.summary());
    }
    out.flush();
    return 0;
  }

  /** One label_ds, or a whole range; checked before Spark starts. */
  private LabelRange range() {
    DayArguments.checkDay(labelDs, "--label-ds 2023-11-30");
    boolean ranged = startLabelDs != null || endLabelDs != null;
    if (labelDs != null && ranged) {
      throw invalid("--label-ds cannot be combined with --start-label-ds or --end-label-ds. Fix: pass one label_ds, "
          + "or a range");
    }
    if (labelDs != null) {
      return LabelRange.refresh(Day.parse(labelDs));
    }
    if (startLabelDs == null || endLabelDs == null) {
      throw invalid("Missing " + (ranged ? (startLabelDs == null ? "--start-label-ds" : "--end-label-ds")
          : "--label-ds") + ". Fix: pass --label-ds DAY, or both --start-label-ds DAY and --end-label-ds DAY");
    }
    DayArguments.checkRange(startLabelDs, endLabelDs, "--start-label-ds", "--end-label-ds");
    return LabelRange.fillMissing(Day.parse(startLabelDs), Day.parse(endLabelDs));
  }

  private static TidemarkException invalid(String message) {
    return new TidemarkException(ErrorCode.INVALID_OPTION, message);
  }
}
