package io.tidemark.online.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A field of a join's request: its name (a left column name), Spark type string and role. */
public record RequestField(
    @JsonProperty("name") String name,
    @JsonProperty("type") String type,
    @JsonProperty("role") RequestFieldRole role) {
  public RequestField {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(role, "role is null");
  }

  public ServingField field() {
    return new ServingField(name, type);
  }
}
