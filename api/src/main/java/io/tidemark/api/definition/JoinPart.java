package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A GroupBy joined to the left side. {@code keyMapping} maps left column names to the GroupBy's key names
 * ({@code {left: right}}); unmapped keys are matched by name. {@code prefix} is prepended to the part's columns.
 *
 * @param columnPrefix what the part's columns start with in place of {@code [<prefix>_]<GroupBy name>}, or null for
 *     that: an external part's offline GroupBy names its columns after the external source (see
 *     {@link ExternalPart#offlinePart()})
 */
public record JoinPart(GroupBy groupBy, Map<String, String> keyMapping, String prefix, String columnPrefix) {
  public JoinPart {
    requireNonNull(groupBy, "groupBy is null");
    keyMapping = copyOfOrderedMap(keyMapping);
  }

  /** A part whose columns are named after its GroupBy. */
  public JoinPart(GroupBy groupBy, Map<String, String> keyMapping, String prefix) {
    this(groupBy, keyMapping, prefix, null);
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

  /** The left columns that feed the GroupBy's keys, in the order of its key columns. */
  public List<String> leftKeyColumns() {
    return groupBy.keyColumns().stream().map(this::leftColumnFor).toList();
  }
}
