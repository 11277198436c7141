package io.tidemark.aggregator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A windowed mergeable aggregation that never subtracts: the two-stacks sliding-window aggregation. New values go on
 * the back, with one running state. Old values leave from the front, whose blocks carry the state of themselves and
 * everything newer in the front; when the front runs dry, the back is cut into blocks and becomes the front. The
 * oldest block also keeps a state per remaining value, computed when it becomes the oldest. A result merges two
 * states, so every value is added and merged a constant number of times on average, and memory holds the window's
 * values plus one state per block (plus one per value of the oldest block). Large states, such as sketches, use
 * large blocks.
 */
final class SlidingMergeable<S> implements ColumnAggregator {
  private final Mergeable<S> mergeable;
  private final int blockSize;
  private final List<Entry> back = new ArrayList<>();
  private S backState;
  private final ArrayDeque<Block<S>> front = new ArrayDeque<>();

  SlidingMergeable(Mergeable<S> mergeable, int blockSize) {
    this.mergeable = mergeable;
    this.blockSize = blockSize;
    this.backState = mergeable.empty();
  }

  @Override
  public void add(long sequence, Object value) {
    if (value != null) {
      back.add(new Entry(sequence, value));
      mergeable.update(backState, value);
    }
  }

  /** Evicts every value up to {@code sequence}; values arrive at the front in the order they were added. */
  @Override
  public void remove(long sequence, Object value) {
    while (true) {
      if (front.isEmpty()) {
        if (back.isEmpty() || back.get(0).sequence() > sequence) {
          return;
        }
        flip();
      }
      Block<S> oldest = front.peekFirst();
      if (oldest.entries.get(oldest.next).sequence() > sequence) {
        return;
      }
      oldest.next++;
      if (oldest.next == oldest.entries.size()) {
        front.removeFirst();
      }
    }
  }

  @Override
  public Object result() {
    if (front.isEmpty() && back.isEmpty()) {
      return null;
    }
    if (front.isEmpty()) {
      return mergeable.result(backState);
    }
    S frontState = oldestBlockSuffix();
    return mergeable.result(back.isEmpty() ? frontState : mergeable.union(frontState, backState));
  }

  @Override
  public void reset() {
    back.clear();
    backState = mergeable.empty();
    front.clear();
  }

  /** The state of the front's remaining values: of the oldest block from its next value on, and every newer block. */
  private S oldestBlockSuffix() {
    Block<S> oldest = front.peekFirst();
    if (oldest.next == 0) {
      return oldest.suffix;
    }
    if (oldest.valueSuffixes == null) {
      Iterator<Block<S>> blocks = front.iterator();
      blocks.next();
      S newer = blocks.hasNext() ? blocks.next().suffix : null;
      List<S> suffixes = new ArrayList<>(oldest.entries.size());
      for (int i = 0; i < oldest.entries.size(); i++) {
        suffixes.add(null);
      }
      S running = newer;
      for (int i = oldest.entries.size() - 1; i >= 1; i--) {
        S single = mergeable.empty();
        mergeable.update(single, oldest.entries.get(i).value());
        running = running == null ? single : mergeable.union(single, running);
        suffixes.set(i, running);
      }
      oldest.valueSuffixes = suffixes;
    }
    return oldest.valueSuffixes.get(oldest.next);
  }

  /** Moves the back into the front, cut into blocks, each with the state of itself and all newer blocks. */
  private void flip() {
    List<Block<S>> blocks = new ArrayList<>();
    for (int start = 0; start < back.size(); start += blockSize) {
      blocks.add(new Block<>(new ArrayList<>(back.subList(start, Math.min(back.size(), start + blockSize)))));
    }
    S newer = null;
    for (int b = blocks.size() - 1; b >= 0; b--) {
      Block<S> block = blocks.get(b);
      S own = mergeable.empty();
      for (Entry entry : block.entries) {
        mergeable.update(own, entry.value());
      }
      block.suffix = newer == null ? own : mergeable.union(own, newer);
      newer = block.suffix;
    }
    front.addAll(blocks);
    back.clear();
    backState = mergeable.empty();
  }

  private record Entry(long sequence, Object value) {}

  private static final class Block<S> {
    private final List<Entry> entries;
    private int next;
    private S suffix;
    private List<S> valueSuffixes;

    Block(List<Entry> entries) {
      this.entries = entries;
    }
  }
}
