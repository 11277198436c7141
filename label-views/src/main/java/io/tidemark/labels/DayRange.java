package io.tidemark.labels;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.PartitionDates;
import java.util.ArrayList;
import java.util.List;

/** The days from {@code first} to {@code last}, both included, written {@code yyyy-MM-dd}. */
public record DayRange(String first, String last) {
  public DayRange {
    requireNonNull(first, "first is null");
    requireNonNull(last, "last is null");
    checkArgument(PartitionDates.isValid(first) && PartitionDates.isValid(last),
        "Cannot create day range %s..%s: write days as yyyy-MM-dd", first, last);
    checkArgument(first.compareTo(last) <= 0, "Cannot create day range %s..%s: the first day is after the last",
        first, last);
  }

  public List<String> days() {
    List<String> days = new ArrayList<>();
    for (String day = first; day.compareTo(last) <= 0; day = PartitionDates.plusDays(day, 1)) {
      days.add(day);
    }
    return List.copyOf(days);
  }

  public boolean contains(String day) {
    return first.compareTo(day) <= 0 && day.compareTo(last) <= 0;
  }

  @Override
  public String toString() {
    return first.equals(last) ? first : first + ".." + last;
  }
}
