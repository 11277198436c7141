package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;
import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a source table is read: {@code selects} maps output column names to Spark SQL expressions (in order; absent
 * means every column), {@code wheres} are Spark SQL predicates, {@code timeColumn} the expression giving event time in
 * epoch milliseconds, and the partition bounds restrict the {@code ds} partitions read (both inclusive).
 */
public record Query(
    Map<String, String> selects,
    List<String> wheres,
    String timeColumn,
    String startPartition,
    String endPartition) {

  /** The column that holds event time when a query names none. */
  public static final String DEFAULT_TIME_COLUMN = "ts";

  public Query {
    selects = selects == null ? null : copyOfOrderedMap(selects);
    wheres = copyOfList(wheres);
  }

  public static Query selecting(Map<String, String> selects) {
    return new Query(selects, List.of(), null, null, null);
  }

  /** The selected columns in order, or empty when the query selects every column of its table. */
  public Optional<Map<String, String>> selectedColumns() {
    return Optional.ofNullable(selects);
  }

  /** The time expression, defaulting to the {@code ts} column. */
  public String effectiveTimeColumn() {
    return timeColumn == null ? DEFAULT_TIME_COLUMN : timeColumn;
  }
}
