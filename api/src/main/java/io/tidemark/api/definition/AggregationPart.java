package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;
import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Map;

/**
 * One output column of an aggregation: the operation over one window (unwindowed when {@code window} is null), per
 * value of one bucket column when {@code bucket} is set. Serializable because Spark ships it to the executors that run
 * the sweep.
 */
public record AggregationPart(
    String inputColumn, Operation operation, Map<String, String> argMap, Window window, String bucket)
    implements Serializable {
  public AggregationPart {
    requireNonNull(inputColumn, "inputColumn is null");
    requireNonNull(operation, "operation is null");
    argMap = copyOfOrderedMap(argMap);
  }

  public AggregationPart(String inputColumn, Operation operation, Map<String, String> argMap, Window window) {
    this(inputColumn, operation, argMap, window, null);
  }

  /** The {@code k} argument, or its default, which {@link Aggregation} checked. */
  public int k() {
    return OperationArguments.k(operation, argMap);
  }
}
