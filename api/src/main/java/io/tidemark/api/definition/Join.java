package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;
import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A training set: the left source defines rows (keys, timestamps, partitions); each join part adds the features of
 * one GroupBy as of each left row's time. {@code rowIds} name the left columns that identify a row.
 */
public record Join(MetaData metaData, Source left, List<JoinPart> joinParts, List<String> rowIds) {
  public Join {
    requireNonNull(metaData, "metaData is null");
    requireNonNull(left, "left is null");
    joinParts = copyOfList(joinParts);
    rowIds = copyOfList(rowIds);
  }

  public String name() {
    return metaData.name();
  }
}
