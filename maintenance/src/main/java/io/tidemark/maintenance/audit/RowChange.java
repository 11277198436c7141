package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row that differs between two points of a table, as Spark read it (lists, maps and structs are Spark's).
 *
 * @param key the row key columns and {@code ds}
 * @param values per column: for a changed row the columns whose value differs, for an added or removed row every
 *     column both points share
 */
public record RowChange(Kind kind, Map<String, Object> key, Map<String, Values> values) {
  /** How the row differs. */
  public enum Kind {
    /** Only the later point has it. */
    ADDED,
    /** Only the earlier point has it. */
    REMOVED,
    /** Both have it, with some value different. */
    CHANGED
  }

  /** A column's value at the earlier ({@code from}) and later ({@code to}) point; null where a side lacks the row. */
  public record Values(Object from, Object to) {}

  public RowChange {
    requireNonNull(kind, "kind is null");
    key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
