package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Operation;
import org.junit.jupiter.api.Test;

class OperatorsTest {
  @Test
  void outputTypesFollowChronon() {
    assertThat(Operators.outputShape(Operation.SUM, InputKind.INTEGRAL)).contains(OutputShape.LONG);
    assertThat(Operators.outputShape(Operation.SUM, InputKind.BOOLEAN)).contains(OutputShape.LONG);
    assertThat(Operators.outputShape(Operation.SUM, InputKind.FLOATING)).contains(OutputShape.DOUBLE);
    assertThat(Operators.outputShape(Operation.COUNT, InputKind.STRING)).contains(OutputShape.LONG);
    assertThat(Operators.outputShape(Operation.AVERAGE, InputKind.INTEGRAL)).contains(OutputShape.DOUBLE);
    assertThat(Operators.outputShape(Operation.LAST_K, InputKind.NESTED)).contains(OutputShape.LIST_OF_INPUT);
  }

  @Test
  void sumAndAverageRefuseNonNumericInputs() {
    assertThat(Operators.outputShape(Operation.SUM, InputKind.STRING)).isEmpty();
    assertThat(Operators.outputShape(Operation.SUM, InputKind.DECIMAL)).isEmpty();
    assertThat(Operators.outputShape(Operation.AVERAGE, InputKind.BOOLEAN)).isEmpty();
  }

  @Test
  void operationsNotYetImplementedHaveNoOutput() {
    assertThat(Operators.isImplemented(Operation.MIN)).isFalse();
    assertThat(Operators.outputShape(Operation.MIN, InputKind.INTEGRAL)).isEmpty();
    assertThat(Operators.implemented())
        .containsExactlyInAnyOrder(Operation.COUNT, Operation.SUM, Operation.AVERAGE, Operation.LAST_K);
  }
}
