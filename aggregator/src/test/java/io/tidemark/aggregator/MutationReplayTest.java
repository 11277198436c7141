package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MutationReplayTest {
  private static final Map<String, InputType> LONG_INPUT = Map.of("x", InputType.scalar(InputKind.INTEGRAL));
  /** The end of the previous day's snapshot: every snapshot row arrives then. */
  private static final long SNAPSHOT = millis("2023-11-01T23:59:59.999Z");

  @Test
  void windowsFollowEachRowsOwnTimeAndDeletesTakeBackRowsInTheWindow() {
    List<AggregationPart> parts = List.of(part(Operation.SUM, Window.days(1)), part(Operation.COUNT, Window.days(1)),
        part(Operation.SUM, Window.days(3)), part(Operation.SUM, null));
    MutationReplay replay = new MutationReplay(parts, LONG_INPUT);
    // The snapshot of day 1: a row of day 1 10:00 (10), one of day 0 (Oct 31) 08:00 (4).
    replay.add(SNAPSHOT, millis("2023-11-01T10:00:00Z"), new Object[] {10L});
    replay.add(SNAPSHOT, millis("2023-10-31T08:00:00Z"), new Object[] {4L});
    // Day 2 08:00. 1-day window [day 1 08:00, day 2 08:00): the day-1 row (10) only; 3-day window and unwindowed:
    // both rows, 14.
    assertThat(replay.query(millis("2023-11-02T08:00:00Z"))).containsExactly(10L, 1L, 14L, 14L);
    // Day 2 09:00: the day-1 row is changed: its before image (10) is deleted and 12 added, with the same row time.
    long change = millis("2023-11-02T09:00:00Z");
    replay.retract(change, millis("2023-11-01T10:00:00Z"), new Object[] {10L});
    replay.add(change, millis("2023-11-01T10:00:00Z"), new Object[] {12L});

    // Day 2 09:30: the change is seen. 1-day window [day 1 09:30, day 2 09:30): 12 (10 taken back); 3-day: 12 + 4.
    assertThat(replay.query(millis("2023-11-02T09:30:00Z"))).containsExactly(12L, 1L, 16L, 16L);
    // Day 2 10:00 exactly: the day-1 10:00 row is still in [day 1 10:00, day 2 10:00).
    assertThat(replay.query(millis("2023-11-02T10:00:00Z"))).containsExactly(12L, 1L, 16L, 16L);
    // One millisecond later it has left the 1-day window (and so has its delete): an empty window is NULL.
    assertThat(replay.query(millis("2023-11-02T10:00:00.001Z"))).containsExactly(null, null, 16L, 16L);
  }

  @Test
  void aRowFromTheFutureCountsOnlyOnceItsTimeHasPassed() {
    MutationReplay replay = new MutationReplay(List.of(part(Operation.SUM, Window.hours(6))), LONG_INPUT);
    // A mutation at 09:00 of a row stamped 11:00 (a booking made for later).
    replay.add(millis("2023-11-02T09:00:00Z"), millis("2023-11-02T11:00:00Z"), new Object[] {5L});

    assertThat(replay.query(millis("2023-11-02T11:00:00Z"))).containsExactly((Object) null);
    assertThat(replay.query(millis("2023-11-02T11:00:00.001Z"))).containsExactly(5L);
  }

  @Test
  void operationsThatCannotTakeAValueBackIgnoreDeletesButRowsStillLeaveTheirWindows() {
    List<AggregationPart> parts = List.of(part(Operation.MAX, Window.hours(12)), part(Operation.LAST, Window.hours(12)));
    MutationReplay replay = new MutationReplay(parts, LONG_INPUT);
    replay.add(SNAPSHOT, millis("2023-11-01T20:00:00Z"), new Object[] {9L});
    replay.add(millis("2023-11-02T01:00:00Z"), millis("2023-11-02T01:00:00Z"), new Object[] {3L});
    replay.retract(millis("2023-11-02T02:00:00Z"), millis("2023-11-01T20:00:00Z"), new Object[] {9L});

    // 06:00: window [day 1 18:00, day 2 06:00). MAX keeps 9 despite its delete, as Chronon does; LAST is the
    // last row to arrive, 3.
    assertThat(replay.query(millis("2023-11-02T06:00:00Z"))).containsExactly(9L, 3L);
    // 08:30: window [day 1 20:30, day 2 08:30): the 20:00 row has left, so MAX is 3.
    assertThat(replay.query(millis("2023-11-02T08:30:00Z"))).containsExactly(3L, 3L);
  }

  @Test
  void rowsWithoutATimeCountOnlyInUnwindowedColumns() {
    MutationReplay replay = new MutationReplay(
        List.of(part(Operation.COUNT, Window.days(30)), part(Operation.COUNT, null)), LONG_INPUT);
    replay.add(SNAPSHOT, MutationReplay.NO_TIME, new Object[] {1L});
    replay.add(SNAPSHOT, millis("2023-11-01T12:00:00Z"), new Object[] {2L});

    assertThat(replay.query(millis("2023-11-02T12:00:00Z"))).containsExactly(1L, 2L);
  }

  @Test
  void resetForgetsThePreviousKey() {
    MutationReplay replay = new MutationReplay(List.of(part(Operation.SUM, Window.days(1))), LONG_INPUT);
    replay.add(SNAPSHOT, millis("2023-11-01T12:00:00Z"), new Object[] {7L});
    assertThat(replay.query(millis("2023-11-02T01:00:00Z"))).containsExactly(7L);
    replay.reset();
    replay.add(SNAPSHOT, millis("2023-11-01T13:00:00Z"), new Object[] {2L});

    assertThat(replay.query(millis("2023-11-02T01:00:00Z"))).containsExactly(2L);
  }

  @Test
  void sumsAndCountsEqualTheirDefinitionOverRandomReplays() {
    // The definition, computed directly: SUM and COUNT of the rows that arrived before the query, are not deleted by
    // a mutation that arrived before it, and whose time is in [asOf - W, asOf). A delete takes back a row added
    // earlier (its before image: the same time and value).
    Random random = new Random(20231102);
    long windowMillis = Window.hours(5).millis();
    List<AggregationPart> parts = List.of(part(Operation.SUM, Window.hours(5)), part(Operation.COUNT, Window.hours(5)),
        part(Operation.SUM, null));
    long dayStart = millis("2023-11-02T00:00:00Z");
    for (int trial = 0; trial < 200; trial++) {
      MutationReplay replay = new MutationReplay(parts, LONG_INPUT);
      List<long[]> live = new ArrayList<>();
      long arrival = SNAPSHOT;
      for (int event = 0; event < 40; event++) {
        if (event >= 10) {
          arrival += random.nextInt(3_600_000);
        }
        if (event >= 10 && !live.isEmpty() && random.nextInt(4) == 0) {
          long[] deleted = live.remove(random.nextInt(live.size()));
          replay.retract(arrival, deleted[0], new Object[] {deleted[1]});
        } else {
          long[] added = {dayStart - 10 * 3_600_000L + random.nextInt(30 * 3_600_000), random.nextInt(100)};
          live.add(added);
          replay.add(arrival, added[0], new Object[] {added[1]});
        }
        long asOf = arrival + 1 + random.nextInt(600_000);
        long sum = 0;
        long count = 0;
        long total = 0;
        for (long[] row : live) {
          total += row[1];
          if (row[0] >= asOf - windowMillis && row[0] < asOf) {
            sum += row[1];
            count++;
          }
        }
        String at = "trial " + trial + ", row " + event;
        assertThat(replay.query(asOf)).as(at).containsExactly(count == 0 ? null : sum, count == 0 ? null : count,
            live.isEmpty() ? null : total);
      }
    }
  }

  @Test
  void rowsArrivingOutOfOrderAreRefused() {
    MutationReplay replay = new MutationReplay(List.of(part(Operation.SUM, Window.days(1))), LONG_INPUT);
    replay.add(millis("2023-11-02T09:00:00Z"), millis("2023-11-02T09:00:00Z"), new Object[] {1L});

    assertThatThrownBy(() -> replay.add(SNAPSHOT, SNAPSHOT, new Object[] {2L}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot add a row arriving at %s: one arriving at %s came before it", SNAPSHOT,
            millis("2023-11-02T09:00:00Z"));
  }

  private static AggregationPart part(Operation operation, Window window) {
    return new AggregationPart("x", operation, Map.of(), window);
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
