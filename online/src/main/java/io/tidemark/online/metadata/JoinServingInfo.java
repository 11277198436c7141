package io.tidemark.online.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything a join fetch needs: the request's fields (part keys, then row ids, then contextual fields, the order of
 * the log's keys) and the parts in join order.
 */
public record JoinServingInfo(
    @JsonProperty("name") String name,
    @JsonProperty("request_fields") List<RequestField> requestFields,
    @JsonProperty("parts") List<JoinPartServingInfo> parts) {
  public JoinServingInfo {
    requireNonNull(name, "name is null");
    requestFields = List.copyOf(requestFields);
    parts = List.copyOf(parts);
  }

  /** Every output value column of the join parts, in order. */
  public List<ServingField> valueFields() {
    return parts.stream().flatMap(part -> part.columns().stream()).map(PartColumn::field).toList();
  }
}
