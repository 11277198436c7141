package io.tidemark.api.time;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The {@code ds} partition values: days written {@code yyyy-MM-dd}, always in UTC. */
public final class PartitionDates {
  public static final long DAY_MILLIS = 86_400_000L;

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private PartitionDates() {}

  /** True when {@code ds} is a real day written {@code yyyy-MM-dd}. */
  public static boolean isValid(String ds) {
    if (ds == null || !hasShape(ds)) {
      return false;
    }
    try {
      parse(ds);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * The day {@code ds} names, read strictly as yyyy-MM-dd. Days are read once per row in some loops, so a day of
   * the usual shape is read digit by digit; anything else, or a day that does not exist, goes to the formatter, which
   * accepts or refuses it with its own {@link DateTimeParseException}.
   */
  public static LocalDate parse(String ds) {
    requireNonNull(ds, "ds is null");
    if (hasShape(ds)) {
      try {
        return LocalDate.of(digits(ds, 0, 4), digits(ds, 5, 7), digits(ds, 8, 10));
      } catch (DateTimeException e) {
        // Not a day of the calendar: the formatter's refusal says so.
      }
    }
    return LocalDate.parse(ds, FORMAT);
  }

  /**
   * {@code day} written yyyy-MM-dd: years 0 to 9999 digit by digit, for the loops that write a day per row; other
   * years (with their sign) by the formatter.
   */
  public static String format(LocalDate day) {
    requireNonNull(day, "day is null");
    int year = day.getYear();
    if (year < 0 || year > 9999) {
      return FORMAT.format(day);
    }
    char[] text = new char[10];
    writeDigits(text, 0, 4, year);
    text[4] = '-';
    writeDigits(text, 5, 7, day.getMonthValue());
    text[7] = '-';
    writeDigits(text, 8, 10, day.getDayOfMonth());
    return new String(text);
  }

  /** The day (UTC) an epoch-millisecond instant falls on. */
  public static String dayOf(long epochMillis) {
    return format(LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MILLIS)));
  }

  /**
   * Whether {@code ds} is four digits, a dash, two digits, a dash and two digits: the formatter alone would also read
   * +292278994-08-17 or -3166904-02-24 as days.
   */
  private static boolean hasShape(String ds) {
    if (ds.length() != 10 || ds.charAt(4) != '-' || ds.charAt(7) != '-') {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      char c = ds.charAt(i);
      if (i != 4 && i != 7 && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  private static void writeDigits(char[] text, int from, int to, int value) {
    for (int i = to - 1; i >= from; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** Midnight UTC at the start of {@code ds}, in epoch milliseconds. */
  public static long startMillis(String ds) {
    return parse(ds).toEpochDay() * DAY_MILLIS;
  }

  /** Midnight UTC at the start of the day that contains {@code epochMillis}. */
  public static long startOfDayMillis(long epochMillis) {
    return Math.floorDiv(epochMillis, DAY_MILLIS) * DAY_MILLIS;
  }

  public static String plusDays(String ds, long days) {
    return format(parse(ds).plusDays(days));
  }
}
