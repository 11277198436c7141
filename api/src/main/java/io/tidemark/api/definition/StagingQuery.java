package io.tidemark.api.definition;

import static java.util.Objects.requireNonNull;

/**
 * Spark SQL whose result is kept as a table partitioned by {@code ds}, filled over missing days like a join. The query
 * uses the macros of {@link io.tidemark.api.template.QueryTemplate}; {@code startPartition} is the first day filled.
 */
public record StagingQuery(MetaData metaData, String query, String startPartition) {
  public StagingQuery {
    requireNonNull(metaData, "metaData is null");
    requireNonNull(query, "query is null");
  }

  public String name() {
    return metaData.name();
  }
}
