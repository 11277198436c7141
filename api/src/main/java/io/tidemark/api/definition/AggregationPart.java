package io.tidemark.api.definition;

import static io.tidemark.api.Preconditions.checkState;
import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;
import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Map;

/**
 * One output column of an aggregation: the operation over one window, or unwindowed when {@code window} is null.
 * Serializable because Spark ships it to the executors that run the sweep.
 */
public record AggregationPart(String inputColumn, Operation operation, Map<String, String> argMap, Window window)
    implements Serializable {
  public AggregationPart {
    requireNonNull(inputColumn, "inputColumn is null");
    requireNonNull(operation, "operation is null");
    argMap = copyOfOrderedMap(argMap);
  }

  /** The {@code k} argument of a list operation, which {@link Aggregation} guarantees to be positive. */
  public int k() {
    checkState(operation.isSizedByK(), "Cannot read k: %s takes no k", operation);
    return Aggregation.parseK(argMap.get(Aggregation.K_ARGUMENT));
  }
}
