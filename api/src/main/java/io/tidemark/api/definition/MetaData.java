package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;
import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Names and placement of a definition. {@code name} is Chronon's {@code <team>.<file>.<variable>}; joins need an
 * {@code outputNamespace} for their tables.
 */
public record MetaData(String name, String team, String outputNamespace, Map<String, String> tableProperties) {
  public MetaData {
    requireNonNull(name, "name is null");
    tableProperties = copyOfOrderedMap(tableProperties);
  }

  public static MetaData named(String name) {
    return new MetaData(name, null, null, Map.of());
  }
}
