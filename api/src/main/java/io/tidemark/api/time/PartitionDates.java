package io.tidemark.api.time;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** The {@code ds} partition values: days written {@code yyyy-MM-dd}, always in UTC. */
public final class PartitionDates {
  public static final long DAY_MILLIS = 86_400_000L;

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  /** Four digits of year: the format alone would also read +292278994-08-17 or -3166904-02-24 as days. */
  private static final Pattern SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private PartitionDates() {}

  /** True when {@code ds} is a real day written {@code yyyy-MM-dd}. */
  public static boolean isValid(String ds) {
    if (ds == null || !SHAPE.matcher(ds).matches()) {
      return false;
    }
    try {
      LocalDate.parse(ds, FORMAT);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  public static LocalDate parse(String ds) {
    return LocalDate.parse(requireNonNull(ds, "ds is null"), FORMAT);
  }

  public static String format(LocalDate day) {
    return FORMAT.format(requireNonNull(day, "day is null"));
  }

  /** The day (UTC) an epoch-millisecond instant falls on. */
  public static String dayOf(long epochMillis) {
    return format(Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC).toLocalDate());
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
