package io.tidemark.online.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A GroupBy key of a join part and the request field that feeds it (its left column after key mapping). */
public record PartKey(
    @JsonProperty("group_by_key") String groupByKey,
    @JsonProperty("request_field") String requestField) {
  public PartKey {
    requireNonNull(groupByKey, "groupByKey is null");
    requireNonNull(requestField, "requestField is null");
  }
}
