package io.tidemark.aggregator;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The inputs of the brute-force tests: one aggregated column {@code x}, optionally bucketed by a string column
 * {@code b}, with random values of the common shapes (about one in six null, so that nulls are skipped everywhere).
 */
final class RandomInputs {
  private RandomInputs() {}

  /** Every operation over every window, in that order, aggregating x (bucketed by b when asked). */
  static List<AggregationPart> parts(List<Operation> operations, List<Window> windows, boolean bucketed,
      Function<Operation, Map<String, String>> arguments) {
    List<AggregationPart> parts = new ArrayList<>();
    for (Operation operation : operations) {
      for (Window window : windows) {
        parts.add(new AggregationPart("x", operation, arguments.apply(operation), window, bucketed ? "b" : null));
      }
    }
    return parts;
  }

  /** x of {@code type}, then the string bucket b, in the order events carry them. */
  static Map<String, InputType> inputs(InputType type) {
    Map<String, InputType> inputs = new LinkedHashMap<>();
    inputs.put("x", type);
    inputs.put("b", InputType.scalar(InputKind.STRING));
    return inputs;
  }

  /** A long below {@code bound}, or null. */
  static Object longBelow(Random random, int bound) {
    return random.nextInt(6) == 0 ? null : (long) random.nextInt(bound);
  }

  /** A string of nine, or null. */
  static Object string(Random random) {
    return random.nextInt(7) == 0 ? null : "s" + random.nextInt(9);
  }

  /** A list of up to three longs below 10, some null; or null. */
  static Object longList(Random random) {
    if (random.nextInt(6) == 0) {
      return null;
    }
    List<Object> list = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      list.add(random.nextInt(5) == 0 ? null : (long) random.nextInt(10));
    }
    return list;
  }

  /** A map of some of the keys p, q and r to longs below 10, some null; or null. */
  static Object longMap(Random random) {
    if (random.nextInt(6) == 0) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (String key : List.of("p", "q", "r")) {
      if (random.nextBoolean()) {
        map.put(key, random.nextInt(4) == 0 ? null : (long) random.nextInt(10));
      }
    }
    return map;
  }
}
