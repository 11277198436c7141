package io.tidemark.cli;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.Source;
import io.tidemark.api.naming.SubPartition;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * Whether the inputs of a run have landed for its last day: each join's left table has that day's partition, and
 * each source a GroupBy reads (for a GroupBy table, a join part, a label or an upload) has a partition on or after
 * it. Staging queries' inputs are in their SQL and are not checked. A join source's table is its parent join's: it is
 * an input unless the run fills the parent too. A table named with a sub-partition
 * ({@code ns.events/hr=00:00}) has a day when the day has the sub-partition's rows, as Chronon's schedulers wait for
 * that sub-partition.
 */
final class InputReadiness {
  /** What a table must have, and who needs it. */
  enum Need {
    /** The day's own partition (a join's left: its rows are the day's rows). */
    THE_DAY,
    /** Some partition on or after the day (event sources may have days without events). */
    UP_TO_THE_DAY
  }

  /** A table, and the sub-partition that decides which of its days are there. */
  private record Input(TableName table, SubPartition subPartition) {
    @Override
    public String toString() {
      return table.toString() + subPartition;
    }
  }

  /**
   * Where an input is named: the definition that needs it and the field naming the table (e.g.
   * {@code joinParts[0].groupBy.sources[0].events.table} of its file), so that a name that cannot be checked is
   * reported there.
   */
  record NamedAt(String definition, Location field) {
    NamedAt {
      requireNonNull(definition, "definition is null");
      requireNonNull(field, "field is null");
    }

    /** The table field of {@code source}, found at {@code sourceAt} (e.g. {@code sources[0]}). */
    static NamedAt source(String definition, Location sourceAt, Source source) {
      return new NamedAt(definition, sourceAt.table(source));
    }
  }

  private final Map<Input, Need> needs = new LinkedHashMap<>();
  private final Map<Input, NamedAt> neededBy = new LinkedHashMap<>();
  private final Set<String> joinsRun;

  /**
   * @param joinsRun the joins the run fills before what reads them: a join source over one of them needs nothing
   *     that has landed already (the run fills its parent first, and the parent's own inputs are checked)
   */
  InputReadiness(Set<String> joinsRun) {
    this.joinsRun = Set.copyOf(joinsRun);
  }

  /** Records that the table of {@code source}, named {@code at}, is needed as {@code need}; the stricter need wins. */
  void require(Source source, Need need, NamedAt at) {
    requireNonNull(source, "source is null");
    requireNonNull(at, "at is null");
    if (fillsParentOf(source)) {
      return;
    }
    Input input = new Input(TableName.parse(source.table()), source.subPartition());
    needs.merge(input, need, (before, now) -> before == Need.THE_DAY ? before : now);
    neededBy.putIfAbsent(input, at);
  }

  /** Whether {@code source} is a join source whose parent join the run fills. */
  boolean fillsParentOf(Source source) {
    return source.parentJoin().filter(parent -> joinsRun.contains(parent.name())).isPresent();
  }

  /**
   * What is missing for {@code day}, one line each; empty when everything has landed. A sub-partition naming a column
   * its table lacks can never land: that is an {@code InvalidDefinitionException} listing every such name, with the
   * file and field it is written in.
   */
  List<String> missing(TidemarkCatalog catalog, Day day) {
    checkSubPartitionColumns(catalog);
    List<String> missing = new ArrayList<>();
    needs.forEach((input, need) -> {
      if (!catalog.tableExists(input.table())) {
        missing.add(input.table() + " does not exist (needed by " + neededBy.get(input).definition() + ")");
        return;
      }
      SortedSet<String> partitions = catalog.partitions(input.table(), input.subPartition());
      boolean ready = need == Need.THE_DAY ? partitions.contains(day.toString())
          : !partitions.isEmpty() && partitions.last().compareTo(day.toString()) >= 0;
      if (!ready) {
        missing.add(input + " has no partition " + (need == Need.THE_DAY ? day : "on or after " + day)
            + (partitions.isEmpty() ? " (it has none)" : " (its latest is " + partitions.last() + ")")
            + " (needed by " + neededBy.get(input).definition() + ")");
      }
    });
    return missing;
  }

  private void checkSubPartitionColumns(TidemarkCatalog catalog) {
    Problems problems = new Problems();
    needs.keySet().forEach(input -> catalog.loadTable(input.table()).ifPresent(table -> {
      for (String column : input.subPartition().values().keySet()) {
        if (table.schema().findField(column) == null) {
          NamedAt at = neededBy.get(input);
          problems.error(ErrorCode.MISSING_COLUMN, at.field(), "table " + input.table() + " has no column "
              + column + ", which the "
              + "sub-partition suffix " + input.subPartition() + " names, so its days can never be found",
              "add the " + column + " column to " + input.table() + " or drop the " + input.subPartition()
                  + " suffix");
        }
      }
    }));
    problems.throwIfErrors();
  }
}
