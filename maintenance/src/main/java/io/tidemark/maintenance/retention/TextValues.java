package io.tidemark.maintenance.retention;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 7d}, {@code 36h}, {@code 90m}, {@code 30s}) and sizes ({@code 128MB}) as people write them. */
public final class TextValues {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*([dhms])");
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})\\s*(B|KB|MB|GB)?");
  private static final long KIB = 1024;

  private TextValues() {}

  /** The duration {@code text} gives, if it is a whole number of days, hours, minutes or seconds. */
  public static Optional<Duration> parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    return Optional.of(switch (matcher.group(2)) {
      case "d" -> Duration.ofDays(amount);
      case "h" -> Duration.ofHours(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    });
  }

  /** The bytes {@code text} gives: a number with an optional unit B, KB, MB or GB (powers of 1024). */
  public static Optional<Long> parseSize(String text) {
    Matcher matcher = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "B" : matcher.group(2);
    return Optional.of(switch (unit) {
      case "KB" -> amount * KIB;
      case "MB" -> amount * KIB * KIB;
      case "GB" -> amount * KIB * KIB * KIB;
      default -> amount;
    });
  }

  /** The duration in its largest whole unit: {@code 7d}, {@code 36h}, {@code 0s}. */
  public static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds != 0 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  /** Bytes for people, one decimal: {@code 812 B}, {@code 3.4 KB}, {@code 128.0 MB}. */
  public static String size(long bytes) {
    if (bytes < KIB) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= KIB && unit < units.length - 1) {
      value /= KIB;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
