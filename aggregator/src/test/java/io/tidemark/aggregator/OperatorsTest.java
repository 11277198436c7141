package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorsTest {
  private static final InputType LONGS = InputType.scalar(InputKind.INTEGRAL);
  private static final InputType STRINGS = InputType.scalar(InputKind.STRING);
  private static final InputType LIST_OF_LONGS = new InputType(Container.LIST, InputKind.INTEGRAL);
  private static final InputType MAP_OF_DOUBLES = new InputType(Container.STRING_MAP, InputKind.FLOATING);

  @Test
  void outputTypesFollowChronon() {
    assertThat(plan(Operation.SUM, LONGS).shape()).isEqualTo(OutputShape.LONG);
    assertThat(plan(Operation.SUM, InputType.scalar(InputKind.BOOLEAN)).shape()).isEqualTo(OutputShape.LONG);
    assertThat(plan(Operation.SUM, InputType.scalar(InputKind.FLOATING)).shape()).isEqualTo(OutputShape.DOUBLE);
    assertThat(plan(Operation.VARIANCE, LONGS).shape()).isEqualTo(OutputShape.DOUBLE);
    assertThat(plan(Operation.MAX, STRINGS).shape()).isEqualTo(OutputShape.INPUT);
    assertThat(plan(Operation.TOP_K, STRINGS).shape()).isEqualTo(OutputShape.LIST_OF_INPUT);
    assertThat(plan(Operation.APPROX_PERCENTILE, LONGS).shape()).isEqualTo(OutputShape.LIST_OF_FLOAT);
    assertThat(plan(Operation.HISTOGRAM, STRINGS).shape()).isEqualTo(OutputShape.MAP_STRING_TO_INT);
    assertThat(plan(Operation.APPROX_HISTOGRAM_K, LONGS).shape()).isEqualTo(OutputShape.MAP_STRING_TO_LONG);
    assertThat(plan(Operation.UNIQUE_COUNT, InputType.scalar(InputKind.BINARY)).shape()).isEqualTo(OutputShape.LONG);
  }

  @Test
  void listsAreFlattenedAndMapsKeyedExceptForTimedOperations() {
    assertThat(plan(Operation.SUM, LIST_OF_LONGS))
        .isEqualTo(new ColumnPlan(Container.LIST, InputKind.INTEGRAL, OutputShape.LONG, ColumnPlan.Keys.NONE));
    assertThat(plan(Operation.LAST_K, LIST_OF_LONGS))
        .isEqualTo(new ColumnPlan(Container.NONE, InputKind.NESTED, OutputShape.LIST_OF_INPUT, ColumnPlan.Keys.NONE));
    assertThat(plan(Operation.AVERAGE, MAP_OF_DOUBLES)).isEqualTo(
        new ColumnPlan(Container.STRING_MAP, InputKind.FLOATING, OutputShape.DOUBLE, ColumnPlan.Keys.MAP_KEY));
    assertThat(Operators.plan(new AggregationPart("x", Operation.COUNT, Map.of(), null, "merchant"), LONGS).keys())
        .isEqualTo(ColumnPlan.Keys.BUCKET);
  }

  @Test
  void refusesInputsAnOperationDoesNotTake() {
    assertThat(problem(Operation.SUM, STRINGS)).contains("SUM takes numbers or booleans, not string values");
    assertThat(problem(Operation.HISTOGRAM, LONGS)).contains("HISTOGRAM takes strings, not integral values");
    assertThat(problem(Operation.COUNT, InputType.scalar(InputKind.TEMPORAL))).contains("dates and timestamps cannot "
        + "be aggregated; convert them to epoch milliseconds in the selects, e.g. unix_millis(col)");
    assertThat(Operators.problem(new AggregationPart("x", Operation.SUM, Map.of(), null, "b"), MAP_OF_DOUBLES))
        .contains("bucketing an aggregation over a map column is not supported (Chronon does not either); remove the "
            + "buckets or aggregate a column that is not a map");
    assertThat(problem(Operation.MIN, LONGS)).isEmpty();
  }

  private static ColumnPlan plan(Operation operation, InputType type) {
    return Operators.plan(part(operation), type);
  }

  private static java.util.Optional<String> problem(Operation operation, InputType type) {
    return Operators.problem(part(operation), type);
  }

  private static AggregationPart part(Operation operation) {
    return new AggregationPart("x", operation, operation.isSizedByK() ? Map.of("k", "3") : Map.of(), null);
  }
}
