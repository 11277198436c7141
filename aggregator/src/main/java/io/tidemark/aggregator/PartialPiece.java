package io.tidemark.aggregator;

import static io.tidemark.api.Preconditions.checkArgument;

import io.tidemark.api.time.Day;
import java.io.Serializable;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The partial aggregates of consecutive UTC days merged into one: a single day, or an aligned block of
 * {@link #BLOCK_SPANS} days, which starts on an epoch day divisible by its length (so every 32-day block is exactly
 * four 8-day blocks). A long window reads a block wherever it covers the block whole, instead of each of its days.
 *
 * @param firstDay the first day, in days since the epoch
 * @param spanDays how many days it covers: 1, or one of {@link #BLOCK_SPANS}
 */
public record PartialPiece(long firstDay, int spanDays) implements Serializable {
  /** The block lengths, longest first. */
  public static final List<Integer> BLOCK_SPANS = List.of(32, 8);

  public PartialPiece {
    checkArgument(spanDays == 1 || BLOCK_SPANS.contains(spanDays),
        "Cannot make a piece of partial aggregates over %s days: pieces are 1 day or blocks of %s days", spanDays,
        BLOCK_SPANS);
    // Pieces are made per row: the day is written out only for the message.
    if (Math.floorMod(firstDay, spanDays) != 0) {
      throw new IllegalArgumentException("Cannot make a block of " + spanDays + " days from "
          + Day.ofEpochDay(firstDay)
          + ": blocks start on a day divisible by their length");
    }
  }

  /** The piece of {@code spanDays} days from {@code first}. */
  public static PartialPiece of(Day first, int spanDays) {
    return new PartialPiece(first.epochDay(), spanDays);
  }

  /** The last day covered. */
  public long lastDay() {
    return firstDay + spanDays - 1;
  }

  /** The first day. */
  public Day first() {
    return Day.ofEpochDay(firstDay);
  }

  /** The days covered, oldest first. */
  public List<Day> days() {
    return LongStream.rangeClosed(firstDay, lastDay()).mapToObj(Day::ofEpochDay).toList();
  }

  /** The aligned piece of {@code spanDays} days that holds {@code day} (days since the epoch). */
  public static PartialPiece containing(long day, int spanDays) {
    return new PartialPiece(Math.floorDiv(day, spanDays) * spanDays, spanDays);
  }

  @Override
  public String toString() {
    return spanDays == 1 ? first().toString() : first() + " to " + Day.ofEpochDay(lastDay());
  }
}
