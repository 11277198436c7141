package io.tidemark.online.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An output column of a join and the GroupBy column it takes its value from. */
public record PartColumn(
    @JsonProperty("name") String name,
    @JsonProperty("type") String type,
    @JsonProperty("group_by_column") String groupByColumn) {
  public PartColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(groupByColumn, "groupByColumn is null");
  }

  public ServingField field() {
    return new ServingField(name, type);
  }
}
