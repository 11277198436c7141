package io.tidemark.online.fetch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A join's feature vector at request time {@code ts}: its output columns, and for each GroupBy the uploaded version
 * the values were read from (empty when none ends at or before {@code ts}).
 */
public record JoinResponse(String join, long ts, ObjectNode values, Map<String, Optional<String>> versions) {
  public JoinResponse {
    requireNonNull(join, "join is null");
    requireNonNull(values, "values is null");
    versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
  }
}
