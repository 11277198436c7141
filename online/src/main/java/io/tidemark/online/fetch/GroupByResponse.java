package io.tidemark.online.fetch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A GroupBy's values for one key at request time {@code ts}, read from uploaded version {@code version} (empty when
 * no version ends at or before {@code ts}: every value is then null).
 */
public record GroupByResponse(String groupBy, long ts, Optional<String> version, ObjectNode values) {
  public GroupByResponse {
    requireNonNull(groupBy, "groupBy is null");
    requireNonNull(version, "version is null");
    requireNonNull(values, "values is null");
  }
}
