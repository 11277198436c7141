package io.tidemark.api.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments operations take in {@code argMap}, with Chronon's defaults: {@code k} (list size for LAST_K and friends;
 * the bound of BOUNDED_UNIQUE_COUNT; lgK of APPROX_UNIQUE_COUNT's CPC sketch; the KLL parameter of APPROX_PERCENTILE;
 * the item count of HISTOGRAM and APPROX_HISTOGRAM_K) and {@code percentiles} (a JSON array of ranks).
 */
public final class OperationArguments {
  public static final String K = "k";
  public static final String PERCENTILES = "percentiles";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OperationArguments() {}

  /** The operation's {@code k}; valid arguments are guaranteed by {@link #problem}. */
  public static int k(Operation operation, Map<String, String> arguments) {
    String k = arguments.get(K);
    return k == null ? defaultK(operation).orElseThrow() : Integer.parseInt(k.trim());
  }

  /** The ranks APPROX_PERCENTILE reports, {@code [0.5]} by default. */
  public static double[] percentiles(Map<String, String> arguments) {
    return parsePercentiles(arguments.getOrDefault(PERCENTILES, "[0.5]")).orElseThrow();
  }

  /** What is wrong with an operation's arguments, with the fix after ". Fix: ", or empty when they are fine. */
  public static Optional<String> problem(Operation operation, Map<String, String> arguments) {
    String k = arguments.get(K);
    int[] range = kRange(operation);
    if (k == null && defaultK(operation).isEmpty() && range != null) {
      return Optional.of(operation + " needs argMap.k. Fix: add \"argMap\": {\"k\": \"10\"}");
    }
    if (k != null && range != null) {
      Integer value = parseInt(k);
      if (value == null || value < range[0] || value > range[1]) {
        return Optional.of("argMap.k of " + operation + " must be an integer from " + range[0] + " to " + range[1]
            + ", got " + k + ". Fix: set \"k\" within that range");
      }
    }
    if (operation == Operation.APPROX_PERCENTILE && arguments.containsKey(PERCENTILES)
        && parsePercentiles(arguments.get(PERCENTILES)).isEmpty()) {
      return Optional.of("argMap.percentiles must be a JSON array of ranks between 0 and 1, got "
          + arguments.get(PERCENTILES) + ". Fix: write it like \"[0.25, 0.5, 0.75]\"");
    }
    return Optional.empty();
  }

  private static Optional<Integer> defaultK(Operation operation) {
    return Optional.ofNullable(switch (operation) {
      case BOUNDED_UNIQUE_COUNT, APPROX_UNIQUE_COUNT, APPROX_HISTOGRAM_K -> 8;
      case APPROX_PERCENTILE -> 128;
      case HISTOGRAM -> 0;
      default -> null;
    });
  }

  /** The valid values of k, or null for operations that take none. */
  private static int[] kRange(Operation operation) {
    return switch (operation) {
      case LAST_K, FIRST_K, TOP_K, BOTTOM_K, BOUNDED_UNIQUE_COUNT, APPROX_HISTOGRAM_K -> new int[] {1, 1_000_000};
      case HISTOGRAM -> new int[] {0, 1_000_000};
      case APPROX_UNIQUE_COUNT -> new int[] {4, 26};
      case APPROX_PERCENTILE -> new int[] {8, 65_535};
      default -> null;
    };
  }

  private static Integer parseInt(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Optional<double[]> parsePercentiles(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isArray() || node.isEmpty()) {
        return Optional.empty();
      }
      List<Double> ranks = new ArrayList<>();
      for (JsonNode rank : node) {
        if (!rank.isNumber() || rank.doubleValue() < 0 || rank.doubleValue() > 1) {
          return Optional.empty();
        }
        ranks.add(rank.doubleValue());
      }
      return Optional.of(ranks.stream().mapToDouble(Double::doubleValue).toArray());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
