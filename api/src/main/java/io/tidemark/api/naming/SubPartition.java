package io.tidemark.api.naming;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sub-partition a source's table name may end with, as Chronon writes it: {@code ns.events/hr=00:00}, one or more
 * {@code column=value} pairs, each after a {@code /}. As in Chronon, it decides only which days of the table count as
 * present: a day is present when it has rows whose columns hold every one of those values (compared as text). The
 * rows read from a present day are all of that day's rows, filtered by the source's {@code query.wheres} alone; a
 * definition that wants only the sub-partition's rows says so in its wheres too.
 *
 * @param values column to value, in the order written
 */
public record SubPartition(Map<String, String> values) {
  /** No sub-partition: a day is present when it has rows. */
  public static final SubPartition NONE = new SubPartition(Map.of());

  /** What a sub-partition's column may be named: a column name Tidemark quotes safely. */
  public static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public SubPartition {
    requireNonNull(values, "values is null");
    values.forEach((column, value) -> {
      checkArgument(COLUMN.matcher(column).matches(), "Cannot create sub-partition: bad column '%s'", column);
      checkArgument(!value.isEmpty() && value.indexOf('/') < 0 && value.indexOf('=') < 0,
          "Cannot create sub-partition: bad value '%s' of column %s", value, column);
    });
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** As written after the table name: {@code /hr=00:00/system=mobile}; empty for none. */
  @Override
  public String toString() {
    StringBuilder suffix = new StringBuilder();
    values.forEach((column, value) -> suffix.append('/').append(column).append('=').append(value));
    return suffix.toString();
  }
}
