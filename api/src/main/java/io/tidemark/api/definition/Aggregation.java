package io.tidemark.api.definition;

import static io.tidemark.api.Preconditions.checkArgument;
import static io.tidemark.api.definition.Collections2.copyOfList;
import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One aggregation of a GroupBy: an operation over an input column, computed once per window (or once, unwindowed,
 * when {@code windows} is empty). {@code argMap} carries operation arguments such as {@code k}.
 */
public record Aggregation(String inputColumn, Operation operation, List<Window> windows, Map<String, String> argMap) {
  /** The argument that sizes the list operations (LAST_K and friends). */
  public static final String K_ARGUMENT = "k";

  public Aggregation {
    requireNonNull(inputColumn, "inputColumn is null");
    requireNonNull(operation, "operation is null");
    windows = copyOfList(windows);
    argMap = copyOfOrderedMap(argMap);
    checkArgument(!operation.isSizedByK() || parseK(argMap.get(K_ARGUMENT)) > 0,
        "Cannot create %s aggregation of %s: argMap.k must be a positive integer, got %s",
        operation, inputColumn, argMap.get(K_ARGUMENT));
  }

  /** The value of a {@code k} argument, or 0 when it is absent or not an integer. */
  public static int parseK(String k) {
    if (k == null) {
      return 0;
    }
    try {
      return Integer.parseInt(k.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** One part per window, in the order given; a single unwindowed part when no window is given. */
  public List<AggregationPart> unpack() {
    if (windows.isEmpty()) {
      return List.of(new AggregationPart(inputColumn, operation, argMap, null));
    }
    List<AggregationPart> parts = new ArrayList<>(windows.size());
    for (Window window : windows) {
      parts.add(new AggregationPart(inputColumn, operation, argMap, window));
    }
    return List.copyOf(parts);
  }
}
