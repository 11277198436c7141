package io.tidemark.aggregator;

import static java.util.Objects.requireNonNull;

/**
 * The merge of consecutive pieces of partial aggregates (days, or blocks of them), built as the pieces come, oldest
 * first: what a block stores is exactly the merge of its days'. Each piece is decoded once; a finished merge can be
 * handed on whole to the merge of a longer block that holds it, so a 32-day block is built from its four 8-day blocks
 * rather than from its days again.
 */
public final class PartialMerge {
  private final PartialColumns columns;
  private Object[] merged;

  public PartialMerge(PartialColumns columns) {
    this.columns = requireNonNull(columns, "columns is null");
  }

  /** Adds the encoded states of the next piece (one per column, null for none), newer than all added before. */
  public void add(byte[][] encoded) {
    add(columns.decode(encoded));
  }

  /** Adds everything {@code newer} merged, which is newer than all added before, and empties {@code newer}. */
  public void takeFrom(PartialMerge newer) {
    if (newer.merged != null) {
      add(newer.merged);
      newer.merged = null;
    }
  }

  /** Whether no piece was added since the merge was made or last {@link #clear}ed. */
  public boolean isEmpty() {
    return merged == null;
  }

  /** The merged states, encoded as a day's are. */
  public byte[][] encoded() {
    byte[][] encoded = new byte[columns.size()][];
    for (int c = 0; c < encoded.length; c++) {
      PartialColumn column = columns.column(c);
      encoded[c] = column.encode(merged == null ? column.partial().empty() : merged[c]);
    }
    return encoded;
  }

  public void clear() {
    merged = null;
  }

  private void add(Object[] states) {
    if (merged == null) {
      merged = states;
      return;
    }
    for (int c = 0; c < merged.length; c++) {
      merged[c] = columns.column(c).partial().merge(merged[c], states[c]);
    }
  }
}
