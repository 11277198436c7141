package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;
import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Spark SQL whose result is kept as a table partitioned by {@code ds}, filled over missing days like a join. The query
 * uses the macros of {@link io.tidemark.api.template.QueryTemplate}; {@code startPartition} is the first day filled;
 * {@code setups} run in the Spark session before the query (see {@link io.tidemark.api.template.SetupStatement}).
 */
public record StagingQuery(MetaData metaData, String query, String startPartition, List<String> setups) {
  public StagingQuery {
    requireNonNull(metaData, "metaData is null");
    requireNonNull(query, "query is null");
    setups = copyOfList(setups);
  }

  /** A staging query without setups. */
  public StagingQuery(MetaData metaData, String query, String startPartition) {
    this(metaData, query, startPartition, List.of());
  }

  public String name() {
    return metaData.name();
  }
}
