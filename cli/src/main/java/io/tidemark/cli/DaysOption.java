package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import picocli.CommandLine.Option;

/** {@code --ds}, or {@code --start-ds} with {@code --end-ds}: the days a command runs for. */
final class DaysOption {
  @Option(names = "--ds", paramLabel = "DAY",
      description = "The day to ${COMMAND-NAME} (yyyy-MM-dd), e.g. a scheduler's run date.")
  String ds;

  @Option(names = "--start-ds", paramLabel = "DAY", description = "First day of a range to ${COMMAND-NAME}.")
  String startDs;

  @Option(names = "--end-ds", paramLabel = "DAY", description = "Last day of the range.")
  String endDs;

  /**
   * The one day, or the range, checked before Spark starts: refuses both, neither, half a range, a reversed range and
   * days that are not days.
   */
  DayRange range() {
    DayArguments.checkDay(ds, "--ds 2023-11-30");
    boolean ranged = startDs != null || endDs != null;
    if (ds != null && ranged || ds == null && (startDs == null || endDs == null)) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, (ds != null ? "--ds cannot be combined with "
          + "--start-ds or --end-ds" : "Missing " + (!ranged ? "--ds" : startDs == null ? "--start-ds" : "--end-ds"))
          + ". Fix: pass --ds DAY, or both --start-ds DAY and --end-ds DAY");
    }
    if (ds != null) {
      return DayRange.of(Day.parse(ds));
    }
    DayArguments.checkRange(startDs, endDs, "--start-ds", "--end-ds");
    return new DayRange(Day.parse(startDs), Day.parse(endDs));
  }
}
