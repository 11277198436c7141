package io.tidemark.online.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One join part online: the GroupBy to read, which request field feeds each of its keys, and its output columns. */
public record JoinPartServingInfo(
    @JsonProperty("group_by") String groupBy,
    @JsonProperty("keys") List<PartKey> keys,
    @JsonProperty("columns") List<PartColumn> columns) {
  public JoinPartServingInfo {
    requireNonNull(groupBy, "groupBy is null");
    keys = List.copyOf(keys);
    columns = List.copyOf(columns);
  }
}
