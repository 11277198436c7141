package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.time.PartitionDates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Operators through the whole engine (Iceberg tables, Spark, the sweep) on random data, each output column checked
 * against a direct computation in this test: filter the key's events inside the window and aggregate them.
 */
class OperatorsOnSparkTest {
  private static final long HOUR = 3_600_000L;
  private static final long START = PartitionDates.startMillis("2023-11-01");

  @TempDir
  Path definitions;

  private record Event(String key, long ts, Long n, String s, String bucket, List<Long> list, Map<String, Long> map) {}

  @Test
  void everyOutputColumnMatchesADirectComputation() throws Exception {
    Random random = new Random(2023);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      // A distinct millisecond per event, so FIRST/LAST-style results have no ties to break.
      long ts = START + i * 173_117L;
      List<Long> list = random.nextInt(5) == 0 ? null
          : Arrays.asList(random.nextInt(4) == 0 ? null : (long) random.nextInt(9), (long) random.nextInt(9));
      Map<String, Long> map = new HashMap<>();
      map.put(random.nextBoolean() ? "p" : "q", (long) random.nextInt(9));
      events.add(new Event("k" + random.nextInt(12), ts, random.nextInt(6) == 0 ? null : (long) random.nextInt(50),
          "s" + random.nextInt(4), random.nextInt(4) == 0 ? null : random.nextBoolean() ? "web" : "app", list, map));
    }
    List<Object[]> left = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long ts = START + PartitionDates.DAY_MILLIS + (long) (random.nextDouble() * 1.5 * PartitionDates.DAY_MILLIS);
      // Some left rows sit exactly on an event's time or exactly one window after it.
      if (i % 10 == 0) {
        ts = events.get(random.nextInt(events.size())).ts() + (i % 20 == 0 ? 0 : PartitionDates.DAY_MILLIS);
      }
      left.add(new Object[] {"k" + random.nextInt(13), ts});
    }
    write(events, left);

    backfill(join(definitions, "operators.v1", """
        {"metaData": {"name": "ops.operators.v1", "outputNamespace": "ops_out"},
         "left": {"events": {"table": "ops.left", "query": {"selects": {"k": "k"}}}},
         "joinParts": [
           {"groupBy": {"metaData": {"name": "g"},
             "sources": [{"events": {"table": "ops.events"}}],
             "keyColumns": ["k"],
             "aggregations": [
               {"inputColumn": "n", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "HOURS"},
                                                                    {"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "n", "operation": "SUM"},
               {"inputColumn": "n", "operation": "AVERAGE", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "n", "operation": "MIN", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "n", "operation": "TOP_K", "argMap": {"k": "3"},
                "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "n", "operation": "LAST_K", "argMap": {"k": "2"},
                "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "n", "operation": "UNIQUE_COUNT", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "n", "operation": "APPROX_PERCENTILE", "argMap": {"k": "400", "percentiles": "[0.5]"},
                "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "s", "operation": "HISTOGRAM", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "n", "operation": "COUNT", "buckets": ["b"],
                "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "list", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "list", "operation": "LAST", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
               {"inputColumn": "map", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "DAYS"}]}],
             "accuracy": "TEMPORAL"}},
           {"groupBy": {"metaData": {"name": "daily"},
             "sources": [{"events": {"table": "ops.events", "query": {"selects": {"k": "k", "n": "n"}}}}],
             "keyColumns": ["k"],
             "aggregations": [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "DAYS"}]}],
             "accuracy": "SNAPSHOT"}}]}
        """));

    List<List<Object>> output = rows("SELECT k, ts, g_n_sum_1h, g_n_sum_1d, g_n_sum, g_n_average_1d, g_n_min_1d, "
        + "g_n_top3_1d, g_n_last2_1d, g_n_unique_count_1d, g_n_approx_percentile_1d, g_s_histogram_1d, "
        + "g_n_count_1d_by_b, g_list_sum_1d, g_list_last_1d, g_map_sum_1d, daily_n_sum_1d FROM lake.ops_out.ops_operators_v1");
    assertThat(output).hasSize(left.size());
    for (List<Object> row : output) {
      String key = (String) row.get(0);
      long ts = (Long) row.get(1);
      List<Event> day = window(events, key, ts, PartitionDates.DAY_MILLIS);
      List<Long> n = values(day, Event::n);
      String what = "row " + row;
      assertThat(row.get(2)).as(what).isEqualTo(sum(values(window(events, key, ts, HOUR), Event::n)));
      assertThat(row.get(3)).as(what).isEqualTo(sum(n));
      assertThat(row.get(4)).as(what).isEqualTo(sum(values(window(events, key, ts, Long.MAX_VALUE / 2), Event::n)));
      assertThat(row.get(5)).as(what).isEqualTo(n.isEmpty() ? null : (double) sum(n) / n.size());
      assertThat(row.get(6)).as(what).isEqualTo(n.isEmpty() ? null : Collections.min(n));
      List<Long> descending = new ArrayList<>(n);
      descending.sort(Collections.reverseOrder());
      assertThat(row.get(7)).as(what).isEqualTo(n.isEmpty() ? null : descending.subList(0, Math.min(3, n.size())));
      List<Long> newestFirst = new ArrayList<>(n);
      Collections.reverse(newestFirst);
      assertThat(row.get(8)).as(what).isEqualTo(n.isEmpty() ? null : newestFirst.subList(0, Math.min(2, n.size())));
      assertThat(row.get(9)).as(what).isEqualTo(n.isEmpty() ? null : (long) new HashSet<>(n).size());
      List<Long> sorted = new ArrayList<>(n);
      Collections.sort(sorted);
      assertThat(row.get(10)).as(what).isEqualTo(n.isEmpty() ? null
          : List.of((float) sorted.get(Math.min(n.size() / 2, n.size() - 1))));
      Map<String, Integer> histogram = new TreeMap<>();
      day.forEach(event -> histogram.merge(event.s(), 1, Integer::sum));
      assertThat(row.get(11)).as(what).isEqualTo(day.isEmpty() ? null : histogram);
      Map<String, Long> byBucket = new TreeMap<>();
      day.stream().filter(event -> event.bucket() != null && event.n() != null)
          .forEach(event -> byBucket.merge(event.bucket(), 1L, Long::sum));
      assertThat(row.get(12)).as(what).isEqualTo(byBucket.isEmpty() ? null : byBucket);
      List<Long> elements = new ArrayList<>();
      day.stream().filter(event -> event.list() != null)
          .forEach(event -> event.list().stream().filter(e -> e != null).forEach(elements::add));
      assertThat(row.get(13)).as(what).isEqualTo(elements.isEmpty() ? null : sum(elements));
      List<Event> withLists = day.stream().filter(event -> event.list() != null).toList();
      assertThat(row.get(14)).as(what).isEqualTo(withLists.isEmpty() ? null
          : withLists.get(withLists.size() - 1).list());
      Map<String, Long> perKey = new TreeMap<>();
      day.forEach(event -> event.map().forEach((mapKey, value) -> perKey.merge(mapKey, value, Long::sum)));
      assertThat(row.get(15)).as(what).isEqualTo(day.isEmpty() ? null : perKey);
      long midnight = Math.floorDiv(ts, PartitionDates.DAY_MILLIS) * PartitionDates.DAY_MILLIS;
      assertThat(row.get(16)).as(what).isEqualTo(sum(values(window(events, key, midnight, PartitionDates.DAY_MILLIS),
          Event::n)));
    }
  }

  private static List<Event> window(List<Event> events, String key, long asOf, long length) {
    return events.stream().filter(e -> e.key().equals(key) && e.ts() < asOf && e.ts() >= asOf - length).toList();
  }

  private static List<Long> values(List<Event> events, Function<Event, Long> column) {
    return events.stream().map(column).filter(value -> value != null).toList();
  }

  private static Long sum(List<Long> values) {
    return values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).sum();
  }

  private static void write(List<Event> events, List<Object[]> left) throws Exception {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.ops");
    StructType eventSchema = StructType.fromDDL("k STRING, ts BIGINT, n BIGINT, s STRING, b STRING, "
        + "list ARRAY<BIGINT>, map MAP<STRING, BIGINT>, ds STRING");
    List<Row> eventRows = new ArrayList<>();
    for (Event e : events) {
      eventRows.add(RowFactory.create(e.key(), e.ts(), e.n(), e.s(), e.bucket(),
          e.list() == null ? null : CollectionConverters.asScala(e.list()).toSeq(),
          CollectionConverters.asScala(e.map()), PartitionDates.dayOf(e.ts())));
    }
    CATALOG.spark().createDataFrame(eventRows, eventSchema).writeTo("lake.ops.events").create();
    List<Row> leftRows = new ArrayList<>();
    for (Object[] row : left) {
      leftRows.add(RowFactory.create(row[0], row[1], PartitionDates.dayOf((Long) row[1])));
    }
    CATALOG.spark().createDataFrame(leftRows, DataTypes.createStructType(List.of(
            DataTypes.createStructField("k", DataTypes.StringType, true),
            DataTypes.createStructField("ts", DataTypes.LongType, true),
            DataTypes.createStructField("ds", DataTypes.StringType, true))))
        .writeTo("lake.ops.left").create();
  }
}
