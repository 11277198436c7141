package io.tidemark.online.jobs.consistency;

import java.util.ArrayList;
import java.util.List;

/**
 * Bins of {@code online - offline} on a symmetric logarithmic scale, so small and large differences both show: one
 * bin for differences under 1e-6 in size, then one per decade up to 1e6 on each side, then everything beyond.
 */
public final class DifferenceHistogram {
  static final int SMALLEST_DECADE = -6;
  static final int LARGEST_DECADE = 6;
  private static final int DECADES = LARGEST_DECADE - SMALLEST_DECADE;

  private DifferenceHistogram() {}

  /** How many bins there are: decades and the open end on each side, and the one around zero. */
  public static int bins() {
    return 2 * (DECADES + 1) + 1;
  }

  /** The bin of a difference: 0 is the most negative, {@link #zeroBin()} holds differences under 1e-6. */
  public static int bin(double difference) {
    double size = Math.abs(difference);
    if (size < Math.pow(10, SMALLEST_DECADE)) {
      return zeroBin();
    }
    int decade = (int) Math.floor(Math.log10(size));
    int step = Math.min(decade, LARGEST_DECADE) - SMALLEST_DECADE;
    return difference > 0 ? zeroBin() + 1 + step : zeroBin() - 1 - step;
  }

  public static int zeroBin() {
    return DECADES + 1;
  }

  /** A label per bin, e.g. {@code [-1e2, -1e1)}, {@code |d| < 1e-6}, {@code [1e0, 1e1)}, {@code >= 1e6}. */
  public static List<String> labels() {
    List<String> labels = new ArrayList<>();
    for (int bin = 0; bin < bins(); bin++) {
      labels.add(label(bin));
    }
    return labels;
  }

  private static String label(int bin) {
    if (bin == zeroBin()) {
      return "|d| < 1e" + SMALLEST_DECADE;
    }
    int step = Math.abs(bin - zeroBin()) - 1;
    int decade = SMALLEST_DECADE + step;
    if (bin > zeroBin()) {
      return decade == LARGEST_DECADE ? ">= 1e" + decade : "[1e" + decade + ", 1e" + (decade + 1) + ")";
    }
    return decade == LARGEST_DECADE ? "<= -1e" + decade : "(-1e" + (decade + 1) + ", -1e" + decade + "]";
  }
}
