package io.tidemark.engine.compute;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a step computes: every column of new rows (a fill), some columns of the rows already written (after parts were
 * added or changed), or every column of the rows that bootstrap sources touch (after they were added, changed or
 * removed).
 */
public final class Recompute {
  /** Which rows a step computes. */
  public enum Rows {
    /** Every left row of the step's days. */
    ALL,
    /** The rows a named bootstrap source matches now, or supplied a value to before. */
    TOUCHED_BY_SOURCES
  }

  private static final Recompute EVERYTHING = new Recompute(Rows.ALL, Optional.empty(), Set.of(), null);

  private final Rows rows;
  private final Optional<Set<String>> columns;
  private final Set<String> sources;
  private final Dataset<Row> suppliedBefore;

  private Recompute(Rows rows, Optional<Set<String>> columns, Set<String> sources, Dataset<Row> suppliedBefore) {
    this.rows = rows;
    this.columns = columns.map(Set::copyOf);
    this.sources = Set.copyOf(sources);
    this.suppliedBefore = suppliedBefore;
  }

  /** Every column of every row: what a fill of new days writes. */
  public static Recompute everything() {
    return EVERYTHING;
  }

  /** {@code columns} (value columns of the output) for every row of the step's days. */
  public static Recompute columns(Set<String> columns) {
    return new Recompute(Rows.ALL, Optional.of(columns), Set.of(), null);
  }

  /**
   * Every value column of the rows that the bootstrap sources named {@code sources} match now, or that
   * {@code suppliedBefore} lists (the row keys and {@code ds} of rows those sources supplied a value to before).
   */
  public static Recompute rowsTouchedBy(Set<String> sources, Dataset<Row> suppliedBefore) {
    return new Recompute(Rows.TOUCHED_BY_SOURCES, Optional.empty(), sources,
        requireNonNull(suppliedBefore, "suppliedBefore is null"));
  }

  public Rows rows() {
    return rows;
  }

  /** The value columns written, or empty for all of them. */
  public Optional<Set<String>> columns() {
    return columns;
  }

  Set<String> sources() {
    return sources;
  }

  Dataset<Row> suppliedBefore() {
    return suppliedBefore;
  }

  /** Whether this writes whole rows (every output column) rather than updating some columns of existing rows. */
  public boolean writesWholeRows() {
    return this == EVERYTHING;
  }
}
