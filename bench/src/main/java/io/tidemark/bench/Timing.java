package io.tidemark.bench;

import java.util.Locale;

/**
 * How long a formulation took; one that hit the timeout is known only to take longer, so ratios involving it are
 * bounds.
 */
record Timing(long millis, boolean finished) {
  static Timing finished(long millis) {
    return new Timing(millis, true);
  }

  static Timing timedOut(long timeoutMillis) {
    return new Timing(timeoutMillis, false);
  }

  String seconds() {
    return (finished ? "" : ">") + String.format(Locale.ROOT, "%.2f", millis / 1000.0);
  }

  /** This time over {@code other}'s, marked as a bound when either did not finish. */
  String over(Timing other) {
    String ratio = String.format(Locale.ROOT, "%.1f", (double) millis / Math.max(1, other.millis));
    if (finished && other.finished) {
      return ratio;
    }
    return !finished && other.finished ? ">" + ratio : !other.finished && finished ? "<" + ratio : "?";
  }
}
