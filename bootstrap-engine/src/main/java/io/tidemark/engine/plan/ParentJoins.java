package io.tidemark.engine.plan;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.Query;
import io.tidemark.api.definition.Source;
import io.tidemark.api.load.DefinitionKind;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.api.validation.Problem;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parent joins of join sources (chaining): a GroupBy over a join source reads the days its parent join has
 * written, so a backfill that reads it needs those days first. A backfill does not fill a parent itself (the parent
 * has its own steps, bootstraps and table decisions, which its own plan shows); it stops before writing anything, as
 * for any input that has not landed (exit code 3), and names the parent, the days it lacks and the command that fills
 * them.
 */
public final class ParentJoins {
  private ParentJoins() {}

  /** Up to which day of its sources a GroupBy reads to compute a day. */
  public enum Reads {
    /** Through the day itself: a GroupBy's own daily table holds its features as of the end of each day. */
    END_OF_DAY,
    /**
     * As of a join's left rows: through the day for TEMPORAL accuracy, through the day before for SNAPSHOT (features
     * as of the midnight the day starts).
     */
    AS_OF_LEFT_ROWS
  }

  /**
   * One GroupBy a backfill reads, found at {@code at} (e.g. {@code joinParts[0].groupBy}, or the whole file for the
   * GroupBy being backfilled).
   */
  public record Reader(GroupBy groupBy, Location at, Reads reads) {
    public Reader {
      requireNonNull(groupBy, "groupBy is null");
      requireNonNull(at, "at is null");
      requireNonNull(reads, "reads is null");
    }
  }

  /** The GroupBys a join backfill computes, with their locations; {@code at} is the join's. */
  public static List<Reader> of(Join join, Location at) {
    List<Reader> readers = new ArrayList<>();
    for (Join.ComputedPart part : join.computedParts(at)) {
      readers.add(new Reader(part.part().groupBy(), part.groupBy(), Reads.AS_OF_LEFT_ROWS));
    }
    return List.copyOf(readers);
  }

  /**
   * Refuses when a parent join's table does not exist yet. Called before the readers' tables are checked, so that the
   * message names the parent and how to fill it rather than an unknown table. {@code found} holds what is known wrong
   * with the definition already; when it has errors, those are reported instead (an invalid definition, not inputs
   * not ready): filling a parent for a definition that has to change first would be work done in vain.
   */
  public static void requireTables(TidemarkCatalog catalog, List<Reader> readers, Problems found) {
    List<Problem> problems = new ArrayList<>();
    forEachParent(readers, (reader, s, parent) -> {
      TableName table = Names.joinOutputTable(parent);
      if (!catalog.tableExists(table)) {
        problems.add(Problem.error(ErrorCode.PARENT_JOIN_NOT_READY, field(reader, s),
            "reads the output of join " + parent.name() + ", whose table " + table + " does not exist yet",
                "fill the parent join first: "
            + command(parent, reader)));
      }
    });
    if (!problems.isEmpty()) {
      found.throwIfErrors();
    }
    throwIfAny(problems);
  }

  /**
   * Refuses when a parent join's table lacks days that the readers read to compute the days of {@code computed}: the
   * days of the parent's left (within its query's partition bounds, and only the latest for a parent that fills only
   * its latest day), within the join source's own partition bounds, up to the last day each reader {@link Reads reads}
   * to compute the range's last day, and from the first day its longest window reaches back to from the range's first
   * day (every earlier day, for a GroupBy with an unwindowed aggregation). Nothing to check when nothing is computed.
   */
  public static void requireDays(TidemarkCatalog catalog, List<Reader> readers, Optional<DayRange> computed) {
    if (computed.isEmpty()) {
      return;
    }
    Day firstDay = computed.get().first();
    Day lastDay = computed.get().last();
    List<Problem> problems = new ArrayList<>();
    forEachParent(readers, (reader, s, parent) -> {
      GroupBy groupBy = reader.groupBy();
      Query query = groupBy.sources().get(s).query();
      Query left = parent.left().query();
      Optional<Day> from = Day.later(Day.later(bound(query.startPartition()), bound(left.startPartition())),
          firstDayRead(groupBy, firstDay));
      Optional<Day> to = Day.earlier(Day.earlier(Optional.of(reader.reads() == Reads.AS_OF_LEFT_ROWS
          && groupBy.effectiveAccuracy() == Accuracy.SNAPSHOT ? lastDay.plusDays(-1) : lastDay),
          bound(query.endPartition())), bound(left.endPartition()));
      SortedSet<Day> leftDays = new TreeSet<>();
      // A value that is not a day is the parent's own backfill to refuse, naming its left table; none is filled.
      catalog.partitions(TableName.parse(parent.left().table()), parent.left().subPartition()).stream()
          .filter(PartitionDates::isValid)
          .map(Day::parse)
          .filter(day -> day.within(from, to))
          .forEach(leftDays::add);
      SortedSet<Day> missing =
          new TreeSet<>(FillHistory.days(parent.metaData().history(), leftDays, from, to));
      OwnedTable.load(catalog, Names.joinOutputTable(parent))
          .ifPresent(table -> missing.removeAll(table.filledDays()));
      if (!missing.isEmpty()) {
        problems.add(Problem.error(ErrorCode.PARENT_JOIN_NOT_READY, field(reader, s),
            "reads the output of join "
            + parent.name() + ", whose table " + Names.joinOutputTable(parent) + " lacks " + missing.size()
            + " day(s) of its left that this backfill reads: " + describe(missing), "fill the parent join first: "
            + command(parent, reader) + " --start-ds " + missing.first() + " --end-ds " + missing.last()));
      }
    });
    throwIfAny(problems);
  }

  /**
   * The first day whose events a GroupBy reads to compute {@code firstDay}: the day its longest window, ending within
   * {@code firstDay} (at a left row's time, or the day's end) or at its midnight (SNAPSHOT), starts in; empty (every
   * day) when an aggregation has no window.
   */
  private static Optional<Day> firstDayRead(GroupBy groupBy, Day firstDay) {
    OptionalLong longest = groupBy.longestWindowMillis();
    if (longest.isEmpty()) {
      return Optional.empty();
    }
    long days = (longest.getAsLong() + PartitionDates.DAY_MILLIS - 1) / PartitionDates.DAY_MILLIS;
    return Optional.of(firstDay.plusDays(-days));
  }

  private interface ParentVisitor {
    void visit(Reader reader, int source, Join parent);
  }

  private static void forEachParent(List<Reader> readers, ParentVisitor visitor) {
    for (Reader reader : readers) {
      List<Source> sources = reader.groupBy().sources();
      for (int s = 0; s < sources.size(); s++) {
        int index = s;
        sources.get(s).parentJoin().ifPresent(parent -> visitor.visit(reader, index, parent));
      }
    }
  }

  private static Location field(Reader reader, int source) {
    return reader.at().source(source).body(reader.groupBy().sources().get(source));
  }

  /** How to fill {@code parent}, named by its file beside the reader's. */
  private static String command(Join parent, Reader reader) {
    return "tidemark backfill --conf " + DefinitionLoader.fileOf(DefinitionKind.JOIN, parent.name(),
        reader.at().file());
  }

  /** Days as runs of consecutive days: {@code 2023-11-01..2023-11-03, 2023-11-05}. */
  static String describe(SortedSet<Day> days) {
    return DayRange.runs(days).stream().map(DayRange::toString).collect(Collectors.joining(", "));
  }


  private static void throwIfAny(List<Problem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    throw new TidemarkException(ErrorCode.PARENT_JOIN_NOT_READY, "Inputs not ready:", problems);
  }

  /** A query's partition bound, as its definition gives it (checked to be a day when read); empty when open. */
  private static Optional<Day> bound(String partition) {
    return Optional.ofNullable(partition).map(Day::parse);
  }
}
