package io.tidemark.cli;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Whether the inputs of a run have landed for its last day: each join's left table has that day's partition, and
 * each source a GroupBy reads (for a GroupBy table, a join part, a label or an upload) has a partition on or after
 * it. Staging queries' inputs are in their SQL and are not checked.
 */
final class InputReadiness {
  /** What a table must have, and who needs it. */
  enum Need {
    /** The day's own partition (a join's left: its rows are the day's rows). */
    THE_DAY,
    /** Some partition on or after the day (event sources may have days without events). */
    UP_TO_THE_DAY
  }

  private final Map<TableName, Need> needs = new LinkedHashMap<>();
  private final Map<TableName, String> neededBy = new LinkedHashMap<>();

  /** Records that {@code definition} needs {@code table} as {@code need}; the stricter need wins. */
  void require(TableName table, Need need, String definition) {
    requireNonNull(table, "table is null");
    needs.merge(table, need, (before, now) -> before == Need.THE_DAY ? before : now);
    neededBy.putIfAbsent(table, definition);
  }

  /** What is missing for {@code day}, one line each; empty when everything has landed. */
  List<String> missing(TidemarkCatalog catalog, String day) {
    List<String> missing = new ArrayList<>();
    needs.forEach((table, need) -> {
      if (!catalog.tableExists(table)) {
        missing.add(table + " does not exist (needed by " + neededBy.get(table) + ")");
        return;
      }
      SortedSet<String> partitions = catalog.partitions(table);
      boolean ready = need == Need.THE_DAY ? partitions.contains(day)
          : !partitions.isEmpty() && partitions.last().compareTo(day) >= 0;
      if (!ready) {
        missing.add(table + " has no partition " + (need == Need.THE_DAY ? day : "on or after " + day)
            + (partitions.isEmpty() ? " (it has none)" : " (its latest is " + partitions.last() + ")")
            + " (needed by " + neededBy.get(table) + ")");
      }
    });
    return missing;
  }
}
