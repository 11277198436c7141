package io.tidemark.online.jobs.flatten;

import io.tidemark.api.time.Day;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** How many raw records each day and schema version has, and how many lines were skipped. */
record RecordCounts(Map<DayVersion, Long> byDayAndVersion, long skipped) {
  record DayVersion(Day day, String hash) {}

  RecordCounts {
    byDayAndVersion = Map.copyOf(byDayAndVersion);
  }

  /** From rows of {@code (ds, schema_hash, is a record, count)}; lines that are no record count as skipped. */
  static RecordCounts of(List<Row> counts) {
    Map<DayVersion, Long> byDayAndVersion = new LinkedHashMap<>();
    long skipped = 0;
    for (Row row : counts) {
      if (row.getBoolean(2)) {
        byDayAndVersion.put(new DayVersion(Day.parse(row.getString(0)), row.getString(1)), row.getLong(3));
      } else {
        skipped += row.getLong(3);
      }
    }
    return new RecordCounts(byDayAndVersion, skipped);
  }

  long records() {
    return byDayAndVersion.values().stream().mapToLong(Long::longValue).sum();
  }
}
