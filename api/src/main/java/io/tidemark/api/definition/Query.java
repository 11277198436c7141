package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;
import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a source table is read: {@code selects} maps output column names to Spark SQL expressions (in order; absent
 * means every column), {@code wheres} are Spark SQL predicates, {@code timeColumn} the expression giving event time in
 * epoch milliseconds, and the partition bounds restrict the {@code ds} partitions read (both inclusive). An entity
 * source's mutation table is read with the same query, plus its mutation time and reversal (delete) columns.
 */
public record Query(
    Map<String, String> selects,
    List<String> wheres,
    String timeColumn,
    String startPartition,
    String endPartition,
    String mutationTimeColumn,
    String reversalColumn) {

  /** The column that holds event time when a query names none. */
  public static final String DEFAULT_TIME_COLUMN = "ts";
  /** The mutation table's column of mutation time (epoch milliseconds), as in Chronon. */
  public static final String DEFAULT_MUTATION_TIME_COLUMN = "mutation_ts";
  /** The mutation table's column that is true on the row a mutation takes back, as in Chronon. */
  public static final String DEFAULT_REVERSAL_COLUMN = "is_before";

  public Query {
    selects = selects == null ? null : copyOfOrderedMap(selects);
    wheres = copyOfList(wheres);
  }

  public static Query selecting(Map<String, String> selects) {
    return new Query(selects, List.of(), null, null, null, null, null);
  }

  public String effectiveMutationTimeColumn() {
    return mutationTimeColumn == null ? DEFAULT_MUTATION_TIME_COLUMN : mutationTimeColumn;
  }

  public String effectiveReversalColumn() {
    return reversalColumn == null ? DEFAULT_REVERSAL_COLUMN : reversalColumn;
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
