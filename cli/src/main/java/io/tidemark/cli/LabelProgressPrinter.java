package io.tidemark.cli;

import io.tidemark.labels.LabelListener;
import io.tidemark.labels.LabelVersion;
import java.io.PrintWriter;

/** Prints one line when a label version starts and one when it is committed. */
final class LabelProgressPrinter implements LabelListener {
  private final PrintWriter err;

  LabelProgressPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void versionStarted(int index, int count, LabelVersion version) {
    err.printf("[label_ds %d/%d] %s: labeling %d left day(s) of %s...%n", index, count, version.labelDs(),
        version.daysWithRows().size(), version.leftDays());
    err.flush();
  }

  @Override
  public void versionFinished(int index, int count, LabelVersion version, long rows, long millis) {
    if (version.hasRows()) {
      err.printf("[label_ds %d/%d] %s: committed %,d row(s) in %s%n", index, count, version.labelDs(), rows,
          Durations.format(millis));
    } else {
      err.printf("[label_ds %d/%d] %s: no rows of the join in %s, nothing to label%n", index, count,
          version.labelDs(), version.leftDays());
    }
    err.flush();
  }
}
