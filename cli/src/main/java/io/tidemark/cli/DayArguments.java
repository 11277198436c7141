package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.time.PartitionDates;

/** Checks of days given on the command line, before Spark starts. */
final class DayArguments {
  private DayArguments() {}

  /**
   * Refuses a day that is not {@code yyyy-MM-dd}; a null day (an option left out) passes.
   *
   * @param example how the option is written with a valid day, e.g. {@code --ds 2023-12-01}
   */
  static void checkDay(String day, String example) {
    if (day != null && !PartitionDates.isValid(day)) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT,
          "Invalid day " + day + ". Fix: write days as yyyy-MM-dd, e.g. " + example);
    }
  }
}
