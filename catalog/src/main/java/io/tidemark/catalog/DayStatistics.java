package io.tidemark.catalog;

/**
 * What Iceberg's metadata says of one day of a table: its rows, the smallest and largest value of a column, and how
 * many rows hold no value in it (min and max are null, and nulls 0, when no column was asked for; min and max are
 * also null when every row's value is null).
 */
public record DayStatistics(long rows, Long min, Long max, long nulls) {
  DayStatistics plus(DayStatistics other) {
    return new DayStatistics(rows + other.rows,
        min == null ? other.min : other.min == null ? min : Math.min(min, other.min),
        max == null ? other.max : other.max == null ? max : Math.max(max, other.max),
        nulls + other.nulls);
  }
}
