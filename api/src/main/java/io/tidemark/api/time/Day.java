package io.tidemark.api.time;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A day of the UTC calendar: the value of a {@code ds} partition. Plans and ranges hold days as this rather than as
 * text, so a day is checked once where it is read, sorts and steps as a date, and cannot be mistaken for any other
 * string; {@link #toString()} writes it back as the partition value. Code that runs per row in Spark keeps to the
 * text and {@link PartitionDates}, which allocate less.
 */
public record Day(LocalDate date) implements Comparable<Day> {
  public Day {
    requireNonNull(date, "date is null");
  }

  /** The day {@code text} names: only a real day written {@code yyyy-MM-dd}, as partition values are. */
  public static Day parse(String text) {
    requireNonNull(text, "text is null");
    checkArgument(PartitionDates.isValid(text), "Cannot read day %s: write days as yyyy-MM-dd", text);
    return new Day(PartitionDates.parse(text));
  }

  /** The days {@code texts} name, in order: partition values, as a table gives them back. */
  public static SortedSet<Day> parseAll(Collection<String> texts) {
    SortedSet<Day> days = new TreeSet<>();
    texts.forEach(text -> days.add(parse(text)));
    return days;
  }

  /** {@code days} written as partition values, in their order: for Spark and the code that takes days as text. */
  public static List<String> texts(Collection<Day> days) {
    return days.stream().map(Day::toString).toList();
  }

  /** The day (UTC) an epoch-millisecond instant falls on. */
  public static Day ofEpochMillis(long epochMillis) {
    return ofEpochDay(Math.floorDiv(epochMillis, PartitionDates.DAY_MILLIS));
  }

  /** The day {@code epochDay} days after 1970-01-01 (before it, if negative). */
  public static Day ofEpochDay(long epochDay) {
    return new Day(LocalDate.ofEpochDay(epochDay));
  }

  /** Days since 1970-01-01. */
  public long epochDay() {
    return date.toEpochDay();
  }

  /** Midnight UTC at the start of the day, in epoch milliseconds. */
  public long startMillis() {
    return epochDay() * PartitionDates.DAY_MILLIS;
  }

  /** The day {@code days} later (earlier, if negative). */
  public Day plusDays(long days) {
    return new Day(date.plusDays(days));
  }

  /** Whether the day is from {@code first} to {@code last}, both included; an empty bound leaves that end open. */
  public boolean within(Optional<Day> first, Optional<Day> last) {
    return first.map(bound -> !isBefore(bound)).orElse(true) && last.map(bound -> !isAfter(bound)).orElse(true);
  }

  /** The later of two first days of a range, either of which may be open (empty): the one that bounds more. */
  public static Optional<Day> later(Optional<Day> a, Optional<Day> b) {
    return a.isEmpty() ? b : b.isEmpty() || !a.get().isBefore(b.get()) ? a : b;
  }

  /** The earlier of two last days of a range, either of which may be open (empty): the one that bounds more. */
  public static Optional<Day> earlier(Optional<Day> a, Optional<Day> b) {
    return a.isEmpty() ? b : b.isEmpty() || !a.get().isAfter(b.get()) ? a : b;
  }

  public boolean isAfter(Day other) {
    return date.isAfter(other.date);
  }

  public boolean isBefore(Day other) {
    return date.isBefore(other.date);
  }

  @Override
  public int compareTo(Day other) {
    return date.compareTo(other.date);
  }

  /** The partition value, {@code yyyy-MM-dd}, written as {@link PartitionDates#format} writes every day. */
  @Override
  public String toString() {
    return PartitionDates.format(date);
  }
}
