package io.tidemark.catalog;

/**
 * What Iceberg's metadata says of one day of a table: its rows, and the smallest and largest value of a column
 * (null when no column was asked for).
 */
public record DayStatistics(long rows, Long min, Long max) {
  DayStatistics plus(DayStatistics other) {
    return new DayStatistics(rows + other.rows,
        min == null ? other.min : other.min == null ? min : Math.min(min, other.min),
        max == null ? other.max : other.max == null ? max : Math.max(max, other.max));
  }
}
