package io.tidemark.aggregator;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Which operations Tidemark computes, on which inputs, with which output; and their aggregators. */
public final class Operators {
  private static final Set<InputKind> NUMERIC = EnumSet.of(InputKind.INTEGRAL, InputKind.FLOATING);
  private static final Set<Operation> IMPLEMENTED =
      EnumSet.of(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.LAST_K);

  private Operators() {}

  public static boolean isImplemented(Operation operation) {
    return IMPLEMENTED.contains(operation);
  }

  public static Set<Operation> implemented() {
    return EnumSet.copyOf(IMPLEMENTED);
  }

  /** The output of {@code operation} over inputs of {@code input}, or empty when the operation does not take them. */
  public static Optional<OutputShape> outputShape(Operation operation, InputKind input) {
    return Optional.ofNullable(switch (operation) {
      case COUNT -> OutputShape.LONG;
      case SUM -> switch (input) {
        case BOOLEAN, INTEGRAL -> OutputShape.LONG;
        case FLOATING -> OutputShape.DOUBLE;
        default -> null;
      };
      case AVERAGE -> NUMERIC.contains(input) ? OutputShape.DOUBLE : null;
      case LAST_K -> OutputShape.LIST_OF_INPUT;
      default -> null;
    });
  }

  /** What inputs an operation takes, for error messages. */
  public static String acceptedInputs(Operation operation) {
    return switch (operation) {
      case SUM -> "numbers or booleans";
      case AVERAGE -> "numbers";
      default -> "any type";
    };
  }

  /** A fresh aggregator for one output column; the part's input must have been checked with {@link #outputShape}. */
  public static ColumnAggregator create(AggregationPart part, InputKind input) {
    OutputShape shape = outputShape(part.operation(), input).orElseThrow(() -> new IllegalArgumentException(
        "Cannot aggregate " + part.inputColumn() + " with " + part.operation() + ": input is " + input));
    return switch (part.operation()) {
      case COUNT -> new Count();
      case SUM -> shape == OutputShape.LONG ? new LongSum() : new FloatingSum(FloatingSum.Result.SUM);
      case AVERAGE -> new FloatingSum(FloatingSum.Result.AVERAGE);
      case LAST_K -> new LastK(part.k());
      default -> throw new IllegalArgumentException("Cannot aggregate with " + part.operation() + ": not implemented");
    };
  }
}
