package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;
import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A table ({@code namespace.table}) of precomputed values for a join's output columns, matched to left rows on
 * {@code keyColumns} (the join's row ids when empty) and {@code ds}. Its query selects (and may rename or compute) the
 * columns it provides, filters rows, and bounds the partitions it covers.
 */
public record BootstrapPart(String table, Query query, List<String> keyColumns) {
  public BootstrapPart {
    requireNonNull(table, "table is null");
    requireNonNull(query, "query is null");
    keyColumns = copyOfList(keyColumns);
  }

  /** The columns rows are matched on besides {@code ds}: the part's own key columns, else the join's row ids. */
  public List<String> effectiveKeys(List<String> rowIds) {
    return keyColumns.isEmpty() ? rowIds : keyColumns;
  }
}
