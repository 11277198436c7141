package io.tidemark.engine.compute;

import io.tidemark.aggregator.PartialColumns;
import io.tidemark.aggregator.PartialMerge;
import io.tidemark.aggregator.PartialPiece;
import io.tidemark.api.time.PartitionDates;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Day rows of partial aggregates, sorted by key and day, folded into the aligned blocks they make up. Each day's states
 * are decoded once and merged into its shortest block; a finished block is merged whole into the next longer one that
 * holds it (every 32-day block is four 8-day blocks). Only the blocks asked for come out, each once its last row is
 * in; the others are steps on the way. Rows in and out have {@link PartialTable}'s layout: the key columns, one
 * encoded state per stored aggregation, the span in days, then {@code ds} (a block's last day). The rows are pulled
 * lazily; a key's blocks are all that is held.
 */
final class BlockFold extends PulledRows {
  /** Whether the day rows come out beside the blocks. */
  enum DayRows {
    PASSED_ON, DROPPED
  }

  private final int keyCount;
  private final Set<PartialPiece> wanted;
  private final DayRows dayRows;
  private final Level[] levels;
  private KeyValues key;

  /**
   * @param wanted the blocks to give, of any of {@link PartialPiece#BLOCK_SPANS}
   */
  BlockFold(Iterator<Row> days, int keyCount, PartialColumns columns, Set<PartialPiece> wanted, DayRows dayRows) {
    super(days);
    this.keyCount = keyCount;
    this.wanted = Set.copyOf(wanted);
    this.dayRows = dayRows;
    // Shortest first: each level's finished blocks feed the next.
    List<Integer> longestFirst = PartialPiece.BLOCK_SPANS;
    this.levels = new Level[longestFirst.size()];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = new Level(longestFirst.get(levels.length - 1 - i), new PartialMerge(columns));
    }
  }

  @Override
  void add(Row day) {
    KeyValues dayKey = KeyValues.leading(day, keyCount);
    long epochDay = PartitionDates.parse(day.getString(day.length() - 1)).toEpochDay();
    if (key != null && !dayKey.equals(key)) {
      finishAll();
    }
    key = dayKey;
    for (int i = 0; i < levels.length; i++) {
      Level level = levels[i];
      if (level.block != null && !level.block.equals(PartialPiece.containing(epochDay, level.span))) {
        finish(i);
      }
    }
    byte[][] states = new byte[day.length() - keyCount - 2][];
    for (int c = 0; c < states.length; c++) {
      states[c] = day.isNullAt(keyCount + c) ? null : (byte[]) day.get(keyCount + c);
    }
    levels[0].merge.add(states);
    levels[0].block = PartialPiece.containing(epochDay, levels[0].span);
    if (dayRows == DayRows.PASSED_ON) {
      give(day);
    }
  }

  @Override
  void end() {
    finishAll();
  }

  /** Finishes every open block, shortest first: a key's rows ended. */
  private void finishAll() {
    for (int i = 0; i < levels.length; i++) {
      finish(i);
    }
  }

  /** Gives level {@code i}'s block if it is wanted, and hands its merge on to the longer block that holds it. */
  private void finish(int i) {
    Level level = levels[i];
    if (level.block == null) {
      return;
    }
    if (wanted.contains(level.block)) {
      byte[][] states = level.merge.encoded();
      Object[] values = new Object[keyCount + states.length + 2];
      System.arraycopy(key.values(), 0, values, 0, keyCount);
      System.arraycopy(states, 0, values, keyCount, states.length);
      values[values.length - 2] = level.span;
      values[values.length - 1] = PartialTable.blockDs(level.block);
      give(RowFactory.create(values));
    }
    if (i + 1 < levels.length) {
      Level longer = levels[i + 1];
      longer.merge.takeFrom(level.merge);
      longer.block = PartialPiece.containing(level.block.firstDay(), longer.span);
    }
    level.merge.clear();
    level.block = null;
  }

  /** The open block of one span: the piece it is and its merge so far; no block while {@code block} is null. */
  private static final class Level {
    private final int span;
    private final PartialMerge merge;
    private PartialPiece block;

    Level(int span, PartialMerge merge) {
      this.span = span;
      this.merge = merge;
    }
  }
}
