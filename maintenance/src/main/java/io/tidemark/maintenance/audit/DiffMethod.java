package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How a diff was computed: which rows of the two points were compared on their values, and why row lineage was not
 * used where it was not.
 *
 * @param kind how the rows to compare were chosen
 * @param fallbackReason for a full comparison, why row lineage could not choose the rows (empty for row lineage)
 * @param comparedFromRows rows of {@code from} that were matched on the row key and compared on their values
 * @param comparedToRows rows of {@code to} that were matched on the row key and compared on their values
 * @param unchangedRows rows of {@code to} that row lineage shows unchanged since {@code from} (the same row id and
 *     last-updated sequence number at both points), counted as in both without comparing them; 0 for a full
 *     comparison
 */
public record DiffMethod(Kind kind, Optional<String> fallbackReason, long comparedFromRows, long comparedToRows,
    long unchangedRows) {
  /** How the rows to compare were chosen. */
  public enum Kind {
    /** Only the rows whose Iceberg row lineage differs between the two points. */
    ROW_LINEAGE,
    /** Every row of both points. */
    FULL_COMPARISON
  }

  public DiffMethod {
    requireNonNull(kind, "kind is null");
    requireNonNull(fallbackReason, "fallbackReason is null");
    if ((kind == Kind.FULL_COMPARISON) != fallbackReason.isPresent()) {
      throw new IllegalArgumentException("A full comparison, and only one, says why row lineage was not used");
    }
  }

  /**
   * For people: {@code row lineage: compared 4 rows (3 of to, 1 of from) on the row key; 5 rows counted as unchanged
   * by their row id and sequence number}, or {@code full comparison on the row key (<why>)}.
   */
  public String describe() {
    if (kind == Kind.FULL_COMPARISON) {
      return "full comparison on the row key (" + fallbackReason.orElseThrow() + ")";
    }
    return String.format("row lineage: compared %s (%,d of to, %,d of from) on the row key; %s counted as unchanged "
        + "by their row id and sequence number", rows(comparedFromRows + comparedToRows), comparedToRows,
        comparedFromRows, rows(unchangedRows));
  }

  private static String rows(long count) {
    return String.format(count == 1 ? "%,d row" : "%,d rows", count);
  }
}
