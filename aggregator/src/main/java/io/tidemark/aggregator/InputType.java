package io.tidemark.aggregator;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * The type of an input column as the aggregator sees it: its container, and the kind of the values in it (of the
 * column itself when it is not a container). Serializable because Spark ships it to the executors that run the sweep.
 */
public record InputType(Container container, InputKind valueKind) implements Serializable {
  public InputType {
    requireNonNull(container, "container is null");
    requireNonNull(valueKind, "valueKind is null");
  }

  public static InputType scalar(InputKind kind) {
    return new InputType(Container.NONE, kind);
  }
}
