package io.tidemark.online.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A named field with its Spark SQL type string ({@code DataType.catalogString()}), e.g. {@code bigint}. */
public record ServingField(@JsonProperty("name") String name, @JsonProperty("type") String type) {
  public ServingField {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }
}
