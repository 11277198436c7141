package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.time.Day;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks of days given on the command line, before Spark starts. */
final class DayArguments {
  private static final Pattern SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private DayArguments() {}

  /**
   * Refuses a day that is not {@code yyyy-MM-dd}, or that is written so but does not exist (2023-11-31); a null day
   * (an option left out) passes.
   *
   * @param example how the option is written with a valid day, e.g. {@code --ds 2023-12-01}
   */
  static void checkDay(String day, String example) {
    if (day == null) {
      return;
    }
    if (!SHAPE.matcher(day).matches()) {
      throw invalid("Invalid day " + day + ". Fix: write days as yyyy-MM-dd, e.g. " + example);
    }
    try {
      LocalDate.parse(day, DAY);
    } catch (DateTimeParseException e) {
      throw invalid("Invalid day " + day + ": there is no such day (" + reason(day) + "). Fix: give a day of the "
          + "calendar, e.g. " + example);
    }
  }

  /** Checks both days, and that the first is not after the last. */
  static void checkRange(String start, String end, String startOption, String endOption) {
    checkDay(start, startOption + " 2023-11-01");
    checkDay(end, endOption + " 2023-11-30");
    if (start != null && end != null && start.compareTo(end) > 0) {
      throw invalid(startOption + " " + start + " is after " + endOption + " " + end + ". Fix: swap them");
    }
  }

  /** The day of an option that {@link #checkDay} or {@link #checkRange} accepted; empty for an option left out. */
  static Optional<Day> day(String checked) {
    return Optional.ofNullable(checked).map(Day::parse);
  }

  /** Why a day of the right shape does not exist: the month, or the day of that month. */
  private static String reason(String day) {
    int month = Integer.parseInt(day.substring(5, 7));
    if (month < 1 || month > 12) {
      return "months run from 01 to 12";
    }
    int length = LocalDate.of(Integer.parseInt(day.substring(0, 4)), month, 1).lengthOfMonth();
    return day.substring(0, 7) + " has " + length + " days";
  }

  private static TidemarkException invalid(String message) {
    return new TidemarkException(ErrorCode.INVALID_OPTION, message);
  }
}
