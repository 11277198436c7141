package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;

/**
 * What the random comparisons of partial aggregates against the sweep share: one key's events, the sweep's answers to
 * its queries (the expected values), and the comparison of two answers.
 */
final class SweepComparison {
  /** How far finite doubles may differ, relative to their size: partials merge sums day by day. */
  static final double RELATIVE = 1e-9;

  /** One event of a key: its time, the aggregated value and the bucket (null when not bucketed). */
  record Event(long time, Object value, String bucket) {
    /** The inputs the sweep and the partials take, in order: the value, then the bucket. */
    Object[] inputs() {
      return new Object[] {value, bucket};
    }
  }

  private SweepComparison() {}

  /** The sweep's answer to each query of one key, its events fed in time order before each query. */
  static List<Object[]> sweep(PointInTimeSweep sweep, List<Event> events, List<Long> queries) {
    sweep.reset();
    List<Object[]> results = new ArrayList<>();
    int next = 0;
    for (long query : queries) {
      while (next < events.size() && events.get(next).time() < query) {
        sweep.addEvent(events.get(next).time(), events.get(next).inputs());
        next++;
      }
      results.add(sweep.query(query));
    }
    return results;
  }

  /** Equal, except finite doubles, which agree to {@link #RELATIVE}, inside maps too. */
  static void assertSame(Object actual, Object expected, String what) {
    if (expected instanceof Double number && Double.isFinite(number) && actual instanceof Double) {
      assertThat((Double) actual).as(what).isCloseTo(number, Offset.offset(RELATIVE * (1 + Math.abs(number))));
    } else if (expected instanceof Map<?, ?> map && actual instanceof Map<?, ?> actualMap) {
      assertThat(actualMap.keySet()).as(what).isEqualTo(map.keySet());
      map.forEach((key, value) -> assertSame(actualMap.get(key), value, what + " [" + key + "]"));
    } else if (expected instanceof byte[] bytes) {
      assertThat(actual).as(what).isEqualTo(bytes);
    } else {
      assertThat(actual).as(what).isEqualTo(expected);
    }
  }
}
