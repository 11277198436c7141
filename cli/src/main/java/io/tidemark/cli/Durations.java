package io.tidemark.cli;

import java.util.Locale;

/** Durations for people: {@code 850 ms}, {@code 12.4 s}, {@code 3 min 05 s}. */
final class Durations {
  private Durations() {}

  static String format(long millis) {
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return String.format(Locale.ROOT, "%d min %02d s", millis / 60_000, (millis / 1000) % 60);
  }
}
