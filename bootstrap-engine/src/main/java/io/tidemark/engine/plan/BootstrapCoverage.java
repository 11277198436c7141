package io.tidemark.engine.plan;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which bootstrap sources provide which output columns, in priority order, and when a join part is covered.
 *
 * <p>A join part is covered for a row when the sources that matched the row together provide every one of the part's
 * columns (one source may provide some, another the rest). A covered row is not computed for that part: its
 * bootstrapped values stand, NULLs included. For every column, the first source in priority order whose value is not
 * NULL wins, and a computed value only fills what all sources left NULL.
 */
public final class BootstrapCoverage {
  private final List<Source> sources;
  private final Map<String, List<String>> partColumns;

  /**
   * What a bootstrap source claims for the rows it matches: the output columns it provides, and what the ledger calls
   * the source. A log table claims per logging schema version (a row claims its own version's columns), so several
   * entries may share a label.
   */
  public record Source(String label, Set<String> columns) {
    public Source {
      requireNonNull(label, "label is null");
      columns = Set.copyOf(columns);
    }
  }

  /**
   * @param sources the bootstrap sources' claims, highest priority first
   * @param partColumns each join part's output columns, by part name
   */
  public BootstrapCoverage(List<Source> sources, Map<String, List<String>> partColumns) {
    this.sources = List.copyOf(sources);
    this.partColumns = new LinkedHashMap<>();
    partColumns.forEach((part, columns) -> this.partColumns.put(part, List.copyOf(columns)));
  }

  public List<String> partColumns(String part) {
    List<String> columns = partColumns.get(part);
    checkArgument(columns != null, "Cannot find join part %s: the parts are %s", part, partColumns.keySet());
    return columns;
  }

  /** The indexes of the sources that provide {@code column}, highest priority first. */
  public List<Integer> sourcesOf(String column) {
    List<Integer> providers = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).columns().contains(column)) {
        providers.add(i);
      }
    }
    return providers;
  }

  /** The indexes of the sources that provide at least one of {@code part}'s columns. */
  public Set<Integer> sourcesOfPart(String part) {
    Set<Integer> providers = new LinkedHashSet<>();
    partColumns(part).forEach(column -> providers.addAll(sourcesOf(column)));
    return providers;
  }

  /** Whether a row matched by the sources {@code matched} (indexes) is covered for {@code part}. */
  public boolean covers(String part, Set<Integer> matched) {
    for (String column : partColumns(part)) {
      if (sourcesOf(column).stream().noneMatch(matched::contains)) {
        return false;
      }
    }
    return true;
  }
}
