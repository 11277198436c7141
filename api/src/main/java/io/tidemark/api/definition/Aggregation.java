package io.tidemark.api.definition;

import static io.tidemark.api.Preconditions.checkArgument;
import static io.tidemark.api.definition.Collections2.copyOfList;
import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One aggregation of a GroupBy: an operation over an input column, computed once per window (or once, unwindowed,
 * when {@code windows} is empty) and, with {@code buckets}, once per bucket column (a map from its values to the
 * aggregate). {@code argMap} carries operation arguments such as {@code k}; see {@link OperationArguments}.
 */
public record Aggregation(
    String inputColumn, Operation operation, List<Window> windows, Map<String, String> argMap, List<String> buckets) {

  public Aggregation {
    requireNonNull(inputColumn, "inputColumn is null");
    requireNonNull(operation, "operation is null");
    windows = copyOfList(windows);
    argMap = copyOfOrderedMap(argMap);
    buckets = copyOfList(buckets);
    Optional<String> problem = OperationArguments.problem(operation, argMap);
    checkArgument(problem.isEmpty(), "Cannot create %s aggregation of %s: %s", operation, inputColumn,
        problem.orElse(""));
  }

  public Aggregation(String inputColumn, Operation operation, List<Window> windows, Map<String, String> argMap) {
    this(inputColumn, operation, windows, argMap, List.of());
  }

  /** One part per window and bucket, windows outermost, in the order given; unwindowed when no window is given. */
  public List<AggregationPart> unpack() {
    List<Window> spans = windows.isEmpty() ? Collections.singletonList(null) : windows;
    List<String> bucketColumns = buckets.isEmpty() ? Collections.singletonList(null) : buckets;
    List<AggregationPart> parts = new ArrayList<>(spans.size() * bucketColumns.size());
    for (Window window : spans) {
      for (String bucket : bucketColumns) {
        parts.add(new AggregationPart(inputColumn, operation, argMap, window, bucket));
      }
    }
    return List.copyOf(parts);
  }
}
