package io.tidemark.engine.compute;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.time.PartitionDates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep sorts its rows by one long: the keys' hash bucket, then time. Keys that share a bucket interleave in time,
 * and each must still be swept apart. The keys here are chosen, by Spark's own hash, to share buckets; the expected
 * values are sums over each key's events in its window, worked out in the test.
 */
class SweepBucketsTest {
  private static final long START = PartitionDates.startMillis("2023-11-01");
  private static final long HOUR = 3_600_000L;
  private static final long DAY = PartitionDates.DAY_MILLIS;

  @TempDir
  Path definitions;

  @Test
  void keysThatShareASortBucketAreSweptApartAndNumberIdenticalRowsAlike() {
    List<String> keys = keysSharingBuckets();
    assertThat(keys).hasSizeGreaterThanOrEqualTo(4);
    List<Object[]> events = new ArrayList<>();
    List<Object[]> left = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      for (int e = 0; e < 6; e++) {
        // Interleaved in time across the keys of a bucket: key k's e-th event at START + (e * keys + k) minutes.
        long ts = START + (e * keys.size() + k) * 60_000L;
        events.add(new Object[] {keys.get(k), ts, (long) (k + 1) * 10 + e, "2023-11-01"});
      }
      long asOf = START + 2 * HOUR;
      left.add(new Object[] {keys.get(k), asOf, "2023-11-01"});
      // An identical left row: both get keys numbered apart.
      left.add(new Object[] {keys.get(k), asOf, "2023-11-01"});
    }
    tables("buckets", events, left);

    backfill(join(definitions, "buckets.v1", """
        {"metaData": {"name": "buckets.sums.v1", "outputNamespace": "buckets_out"},
         "left": {"events": {"table": "buckets.left"}},
         "joinParts": [{"groupBy": {"metaData": {"name": "g"},
           "sources": [{"events": {"table": "buckets.events"}}],
           "keyColumns": ["k"],
           "aggregations": [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
                            {"inputColumn": "n", "operation": "LAST"}],
           "accuracy": "TEMPORAL"}}]}
        """));

    Map<String, Long> expectedSums = new HashMap<>();
    Map<String, Long> expectedLast = new HashMap<>();
    for (Object[] event : events) {
      // Every event is before the left rows' time and within a day of it.
      expectedSums.merge((String) event[0], (Long) event[2], Long::sum);
      expectedLast.merge((String) event[0], (Long) event[2], Math::max);
    }
    List<List<Object>> output = rows("SELECT k, g_n_sum_1d, g_n_last, tidemark_row_key FROM "
        + "lake.buckets_out.buckets_sums_v1 ORDER BY k, tidemark_row_key");
    assertThat(output).hasSize(left.size());
    for (int i = 0; i < output.size(); i += 2) {
      List<Object> first = output.get(i);
      List<Object> second = output.get(i + 1);
      String key = (String) first.get(0);
      assertThat(second.get(0)).isEqualTo(key);
      assertThat(first.get(1)).as(key).isEqualTo(expectedSums.get(key));
      assertThat(first.get(2)).as(key).isEqualTo(expectedLast.get(key));
      assertThat(second.subList(1, 3)).isEqualTo(first.subList(1, 3));
      String firstKey = (String) first.get(3);
      String secondKey = (String) second.get(3);
      assertThat(firstKey).endsWith("-1");
      assertThat(secondKey).isEqualTo(firstKey.substring(0, firstKey.length() - 1) + "2");
    }
  }

  @Test
  void withoutOrderDependentOperationsRowsAreSortedByTheSortKeyAloneAndStillSweptApartAndNumbered() {
    List<String> keys = keysSharingBuckets();
    List<Object[]> events = new ArrayList<>();
    List<Object[]> left = new ArrayList<>();
    long asOf = START + 2 * HOUR;
    for (int k = 0; k < keys.size(); k++) {
      for (int e = 0; e < 6; e++) {
        // The two keys of a bucket alternate in time; keys of other buckets have events at the same instants.
        long ts = START + (e * keys.size() + k % 2) * 60_000L;
        events.add(new Object[] {keys.get(k), ts, (long) (k + 1) * 10 + e, "2023-11-01"});
      }
    }
    // Three identical left rows of every key, all at one instant, so that each shares its sort key with the other key
    // of its bucket; written key after key, three times over, so that no key's rows come one after the other.
    for (int copy = 0; copy < 3; copy++) {
      keys.forEach(key -> left.add(new Object[] {key, asOf, "2023-11-01"}));
    }
    tables("lbuckets", events, left);

    backfill(join(definitions, "lbuckets.v1", """
        {"metaData": {"name": "lbuckets.sums.v1", "outputNamespace": "lbuckets_out"},
         "left": {"events": {"table": "lbuckets.left"}},
         "joinParts": [{"groupBy": {"metaData": {"name": "g"},
           "sources": [{"events": {"table": "lbuckets.events"}}],
           "keyColumns": ["k"],
           "aggregations": [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
                            {"inputColumn": "n", "operation": "MAX"}],
           "accuracy": "TEMPORAL"}}]}
        """));

    Map<String, Long> expectedSums = new HashMap<>();
    Map<String, Long> expectedMax = new HashMap<>();
    for (Object[] event : events) {
      expectedSums.merge((String) event[0], (Long) event[2], Long::sum);
      expectedMax.merge((String) event[0], (Long) event[2], Math::max);
    }
    List<List<Object>> output = rows("SELECT k, g_n_sum_1d, g_n_max, tidemark_row_key FROM "
        + "lake.lbuckets_out.lbuckets_sums_v1 ORDER BY k, tidemark_row_key");
    assertThat(output).hasSize(left.size());
    for (int i = 0; i < output.size(); i += 3) {
      String key = (String) output.get(i).get(0);
      String hash = ((String) output.get(i).get(3)).substring(0, ((String) output.get(i).get(3)).length() - 2);
      for (int occurrence = 1; occurrence <= 3; occurrence++) {
        List<Object> row = output.get(i + occurrence - 1);
        assertThat(row).as(key).containsExactly(key, expectedSums.get(key), expectedMax.get(key),
            hash + "-" + occurrence);
      }
    }
  }

  @Test
  void keysThatShareASortBucketGetDailyPartialsOfTheirOwnEvents() {
    List<String> keys = keysSharingBuckets();
    List<Object[]> events = new ArrayList<>();
    List<Object[]> left = new ArrayList<>();
    long asOf = START + 2 * DAY + 12 * HOUR;
    for (int k = 0; k < keys.size(); k++) {
      for (int d = 0; d < 3; d++) {
        String ds = PartitionDates.dayOf(START + d * DAY);
        for (int e = 0; e < 4; e++) {
          // Interleaved in time across the keys of a bucket, every day, all before the left rows' time.
          long ts = START + d * DAY + (e * keys.size() + k) * 60_000L;
          events.add(new Object[] {keys.get(k), ts, (long) (k + 1) * 100 + d * 10 + e, ds});
        }
      }
      left.add(new Object[] {keys.get(k), asOf, "2023-11-03"});
    }
    tables("pbuckets", events, left);

    backfill(join(definitions, "pbuckets.v1", """
        {"metaData": {"name": "pbuckets.sums.v1", "outputNamespace": "pbuckets_out"},
         "left": {"events": {"table": "pbuckets.left"}},
         "joinParts": [{"groupBy": {
           "metaData": {"name": "pg", "outputNamespace": "pbuckets_out",
                        "tableProperties": {"tidemark.partials": "always"}},
           "sources": [{"events": {"table": "pbuckets.events"}}],
           "keyColumns": ["k"],
           "aggregations": [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": 3, "timeUnit": "DAYS"}]},
                            {"inputColumn": "n", "operation": "FIRST"}],
           "accuracy": "TEMPORAL"}}]}
        """));

    Map<String, Long> expectedSums = new HashMap<>();
    Map<String, Long> expectedFirst = new HashMap<>();
    for (Object[] event : events) {
      // Every event is within the three days before the left rows' time; a key's first has the smallest value.
      expectedSums.merge((String) event[0], (Long) event[2], Long::sum);
      expectedFirst.merge((String) event[0], (Long) event[2], Math::min);
    }
    List<List<Object>> output = rows("SELECT k, pg_n_sum_3d, pg_n_first FROM lake.pbuckets_out.pbuckets_sums_v1 "
        + "ORDER BY k");
    assertThat(output).hasSize(keys.size());
    for (List<Object> row : output) {
      String key = (String) row.get(0);
      assertThat(row.subList(1, 3)).as(key).containsExactly(expectedSums.get(key), expectedFirst.get(key));
    }
    // The windows' whole days, 11-01 and 11-02, are read from partials: one row for each key and day.
    List<List<Object>> partials = rows("SELECT k, ds, span_days, count(*) FROM lake.pbuckets_out.pg_partials "
        + "GROUP BY k, ds, span_days ORDER BY k, ds");
    List<List<Object>> expectedPartials = new ArrayList<>();
    keys.stream().sorted().forEach(key -> {
      expectedPartials.add(List.of(key, "2023-11-01", 1, 1L));
      expectedPartials.add(List.of(key, "2023-11-02", 1, 1L));
    });
    assertThat(partials).isEqualTo(expectedPartials);
  }

  /**
   * Pairs of keys whose hashes fall in the same bucket of the sweep's sort key (the top bits of Spark's 64-bit hash
   * of the key) and that the shuffle sends to the same task (Spark's 32-bit hash, modulo the two tasks a test session
   * sweeps with), found by asking Spark for the hashes of many candidate keys.
   */
  private static List<String> keysSharingBuckets() {
    int tasks = CATALOG.spark().sparkContext().defaultParallelism();
    List<Row> buckets = CATALOG.spark().sql("SELECT concat('k', id) AS k, "
        + "shiftrightunsigned(xxhash64(concat('k', id)), " + (64 - SweepLayout.BUCKET_BITS) + ") * " + tasks
        + " + pmod(hash(concat('k', id)), " + tasks + ") AS b FROM range(20000)").collectAsList();
    Map<Long, List<String>> byBucket = new HashMap<>();
    for (Row row : buckets) {
      byBucket.computeIfAbsent(row.getLong(1), ignored -> new ArrayList<>()).add(row.getString(0));
    }
    List<String> keys = new ArrayList<>();
    byBucket.values().stream().filter(list -> list.size() >= 2).limit(3)
        .forEach(list -> keys.addAll(list.subList(0, 2)));
    return keys;
  }

  /** Tables {@code events} (k, ts, n, ds) and {@code left} (k, ts, ds) in {@code namespace}, with these rows. */
  private static void tables(String namespace, List<Object[]> events, List<Object[]> left) {
    sql("CREATE NAMESPACE IF NOT EXISTS lake." + namespace);
    sql("CREATE TABLE lake." + namespace + ".events (k STRING, ts BIGINT, n BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("CREATE TABLE lake." + namespace + ".left (k STRING, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake." + namespace + ".events VALUES " + values(events));
    sql("INSERT INTO lake." + namespace + ".left VALUES " + values(left));
  }

  private static String values(List<Object[]> rows) {
    List<String> values = new ArrayList<>();
    for (Object[] row : rows) {
      List<String> fields = new ArrayList<>();
      for (Object field : row) {
        fields.add(field instanceof String text ? "'" + text + "'" : String.valueOf(field));
      }
      values.add("(" + String.join(", ", fields) + ")");
    }
    return String.join(", ", values);
  }
}
