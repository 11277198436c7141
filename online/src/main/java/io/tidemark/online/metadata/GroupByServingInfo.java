package io.tidemark.online.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What fetching an uploaded GroupBy needs: its keys in key order and its value columns, named as in its table. */
public record GroupByServingInfo(
    @JsonProperty("name") String name,
    @JsonProperty("keys") List<ServingField> keys,
    @JsonProperty("values") List<ServingField> values) {
  public GroupByServingInfo {
    requireNonNull(name, "name is null");
    keys = List.copyOf(keys);
    values = List.copyOf(values);
  }
}
