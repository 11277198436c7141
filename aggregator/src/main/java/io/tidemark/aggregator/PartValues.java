package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;

import io.tidemark.api.definition.AggregationPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each output column aggregates of an event: the value of its input column, paired with the value of its bucket
 * column when it has one. Shared by the sweep and the partial aggregates, so both see the same values.
 */
final class PartValues {
  private final int[] inputOfPart;
  private final int[] bucketOfPart;

  /** @param inputs the input columns in the order events carry their values; only the names are used */
  PartValues(List<AggregationPart> parts, Map<String, InputType> inputs) {
    List<String> inputNames = new ArrayList<>(inputs.keySet());
    this.inputOfPart = new int[parts.size()];
    this.bucketOfPart = new int[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      AggregationPart part = parts.get(i);
      inputOfPart[i] = indexOf(inputNames, part.inputColumn(), part);
      bucketOfPart[i] = part.bucket() == null ? -1 : indexOf(inputNames, part.bucket(), part);
    }
  }

  /** The value part {@code part} aggregates of an event: its input value, with its bucket if it has one. */
  Object valueOf(int part, Object[] inputValues) {
    Object value = inputValues[inputOfPart[part]];
    if (bucketOfPart[part] < 0 || value == null) {
      return value;
    }
    Object bucket = inputValues[bucketOfPart[part]];
    return bucket == null ? null : new BucketValue(bucket.toString(), value);
  }

  private static int indexOf(List<String> inputNames, String column, AggregationPart part) {
    int index = inputNames.indexOf(column);
    checkArgument(index >= 0, "Cannot aggregate %s: no input column %s among %s", part, column, inputNames);
    return index;
  }
}
