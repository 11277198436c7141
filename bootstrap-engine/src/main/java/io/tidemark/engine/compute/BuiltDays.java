package io.tidemark.engine.compute;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.TableProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a partial-aggregate table records of the days it holds ({@link TableProperties#PARTIALS_SOURCE_VERSIONS}): per
 * day, the version of its sources' partition that it was built from, so that a day whose partition changed since (late
 * rows, a rewrite, a deletion) is built again rather than read; and how many of the partition's events lay on another
 * day. A property that cannot be read records nothing: every day is then built again, which is always safe for a
 * cache of the sources.
 */
record BuiltDays(SortedMap<Day, Built> days) {
  /** One day's record: the sources' version it was built from, and its events that lay on another day. */
  record Built(String sourceVersion, long eventsOutsideDay) {
    Built {
      requireNonNull(sourceVersion, "sourceVersion is null");
    }
  }

  static final BuiltDays NONE = new BuiltDays(new TreeMap<>());

  BuiltDays {
    days = new TreeMap<>(days);
  }

  /** The record in a table property's value; {@link #NONE} for an absent or unreadable one. */
  static BuiltDays parse(String property) {
    if (property == null || property.isEmpty()) {
      return NONE;
    }
    SortedMap<Day, Built> days = new TreeMap<>();
    for (String entry : property.split(",")) {
      String[] fields = entry.split(":");
      if (fields.length < 2 || fields.length > 3 || !PartitionDates.isValid(fields[0])
          || !fields[1].matches("[0-9a-f]+") || (fields.length == 3 && !fields[2].matches("[0-9]{1,18}"))) {
        return NONE;
      }
      days.put(Day.parse(fields[0]), new Built(fields[1], fields.length == 3 ? Long.parseLong(fields[2]) : 0));
    }
    return new BuiltDays(days);
  }

  /** The property's value. */
  String property() {
    List<String> entries = new ArrayList<>();
    days.forEach((day, built) -> entries.add(day + ":" + built.sourceVersion()
        + (built.eventsOutsideDay() == 0 ? "" : ":" + built.eventsOutsideDay())));
    return String.join(",", entries);
  }

  /** The days among {@code candidates} built from the version their sources have now, {@code versions}. */
  SortedSet<Day> current(Collection<Day> candidates, Map<Day, String> versions) {
    SortedSet<Day> current = new TreeSet<>();
    for (Day day : candidates) {
      Built built = days.get(day);
      if (built != null && built.sourceVersion().equals(versions.get(day))) {
        current.add(day);
      }
    }
    return current;
  }

  /**
   * The record after {@code built} days were built from {@code versions} with {@code outside} of their events on other
   * days (none when absent), keeping of the others only the days in {@code kept}, those the table still holds.
   */
  BuiltDays after(Collection<Day> built, Map<Day, String> versions, Map<Day, Long> outside, Set<Day> kept) {
    SortedMap<Day, Built> next = new TreeMap<>(days);
    next.keySet().retainAll(kept);
    for (Day day : built) {
      next.put(day, new Built(requireNonNull(versions.get(day), () -> "no version of " + day),
          outside.getOrDefault(day, 0L)));
    }
    return new BuiltDays(next);
  }

  /** The events of every recorded day that lay on another day. */
  long eventsOutsideDay() {
    return days.values().stream().mapToLong(Built::eventsOutsideDay).sum();
  }
}
