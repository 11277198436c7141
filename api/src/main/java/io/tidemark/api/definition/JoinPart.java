package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;
import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A GroupBy joined to the left side. {@code keyMapping} maps left column names to the GroupBy's key names
 * ({@code {left: right}}); unmapped keys are matched by name. {@code prefix} is prepended to the part's columns.
 */
public record JoinPart(GroupBy groupBy, Map<String, String> keyMapping, String prefix) {
  public JoinPart {
    requireNonNull(groupBy, "groupBy is null");
    keyMapping = copyOfOrderedMap(keyMapping);
  }

  public static JoinPart of(GroupBy groupBy) {
    return new JoinPart(groupBy, Map.of(), null);
  }

  /** The left column that feeds the GroupBy key {@code keyColumn}. */
  public String leftColumnFor(String keyColumn) {
    for (Map.Entry<String, String> entry : keyMapping.entrySet()) {
      if (entry.getValue().equals(keyColumn)) {
        return entry.getKey();
      }
    }
    return keyColumn;
  }
}
