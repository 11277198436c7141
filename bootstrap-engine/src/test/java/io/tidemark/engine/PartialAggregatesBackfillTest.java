package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.catalog.TableProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills that read daily partial aggregates ({@code tidemark.partials: always}) against the same definitions read
 * from raw events, on random data, and against values worked out by hand where a window starts exactly at midnight
 * and 1 ms after it.
 */
class PartialAggregatesBackfillTest {
  private static final long START = PartitionDates.startMillis("2023-11-01");
  private static final long DAY = PartitionDates.DAY_MILLIS;

  @TempDir
  static Path definitions;

  /** Every operator the partials store differently, over windows under a day, of whole days, of 36 h and none. */
  private static final String AGGREGATIONS = """
      [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "HOURS"},
          {"length": 1, "timeUnit": "DAYS"}, {"length": 2, "timeUnit": "DAYS"}, {"length": 36, "timeUnit": "HOURS"}]},
       {"inputColumn": "n", "operation": "SUM"},
       {"inputColumn": "n", "operation": "COUNT", "windows": [{"length": 3, "timeUnit": "DAYS"}]},
       {"inputColumn": "d", "operation": "AVERAGE", "windows": [{"length": 2, "timeUnit": "DAYS"}]},
       {"inputColumn": "d", "operation": "VARIANCE", "windows": [{"length": 3, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "MIN", "windows": [{"length": 3, "timeUnit": "DAYS"}]},
       {"inputColumn": "s", "operation": "MAX", "windows": [{"length": 2, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "LAST_K", "argMap": {"k": "2"},
        "windows": [{"length": 2, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "FIRST", "windows": [{"length": 2, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "TOP_K", "argMap": {"k": "3"}, "windows": [{"length": 3, "timeUnit": "DAYS"}]},
       {"inputColumn": "s", "operation": "UNIQUE_COUNT", "windows": [{"length": 2, "timeUnit": "DAYS"}]},
       {"inputColumn": "s", "operation": "HISTOGRAM", "windows": [{"length": 2, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "COUNT", "buckets": ["b"], "windows": [{"length": 2, "timeUnit": "DAYS"}]}]
      """;

  private static final String COLUMNS = "n_sum_1h, n_sum_1d, n_sum_2d, n_sum_36h, n_sum, n_count_3d, d_average_2d, "
      + "d_variance_3d, n_min_3d, s_max_2d, n_last2_2d, n_first_2d, n_top3_3d, s_unique_count_2d, s_histogram_2d, "
      + "n_count_2d_by_b";

  @BeforeAll
  static void tables() throws Exception {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.pa");
    Random random = new Random(1121);
    List<Row> events = new ArrayList<>();
    for (int i = 0; i < 2400; i++) {
      long ts = START + (long) (random.nextDouble() * 10 * DAY);
      if (i % 50 == 0) {
        ts = START + random.nextInt(10) * DAY;
      } else if (i % 7 == 0 && !events.isEmpty()) {
        // Events of one instant, so that operations depending on arrival order see ties.
        ts = events.get(events.size() - 1).getLong(1);
      }
      events.add(RowFactory.create("k" + random.nextInt(8), ts, random.nextInt(9) == 0 ? null : (long) random.nextInt(40),
          random.nextInt(1000) / 7.0, "s" + random.nextInt(6), random.nextInt(3) == 0 ? null : "b" + random.nextInt(2),
          PartitionDates.dayOf(ts)));
    }
    // Keys with events on a few days only, so that which days have each key's row depends on the windows.
    for (long ts : new long[] {START + DAY + 5 * 3_600_000L, START + 5 * DAY + 23 * 3_600_000L}) {
      events.add(RowFactory.create("z", ts, 3L, 1.5, "s1", "b1", PartitionDates.dayOf(ts)));
    }
    events.add(RowFactory.create("y", START + 2 * DAY, 5L, 2.5, "s2", null, PartitionDates.dayOf(START + 2 * DAY)));
    CATALOG.spark().createDataFrame(events, StructType.fromDDL(
            "k STRING, ts BIGINT, n BIGINT, d DOUBLE, s STRING, b STRING, ds STRING"))
        .writeTo("lake.pa.events").partitionedBy(org.apache.spark.sql.functions.col("ds")).create();
    List<Row> left = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long ts = START + 3 * DAY + (long) (random.nextDouble() * 6 * DAY);
      if (i % 20 == 0) {
        ts = START + (3 + random.nextInt(6)) * DAY + (i % 40 == 0 ? 0 : 1);
      }
      left.add(RowFactory.create("r" + i, "k" + random.nextInt(9), ts, PartitionDates.dayOf(ts)));
    }
    CATALOG.spark().createDataFrame(left, StructType.fromDDL("id STRING, k STRING, ts BIGINT, ds STRING"))
        .writeTo("lake.pa.left").create();
  }

  private static Loaded<Join> joinOf(String name, String groupByName, String properties) {
    return join(definitions, name, """
        {"metaData": {"name": "pa.%s", "outputNamespace": "pa_out"},
         "left": {"events": {"table": "pa.left", "query": {"selects": {"id": "id", "k": "k", "ts": "ts"}}}},
         "rowIds": ["id"],
         "joinParts": [{"groupBy": {"metaData": {"name": "pa.%s", "outputNamespace": "pa_out"%s},
           "sources": [{"events": {"table": "pa.events"}}], "keyColumns": ["k"], "aggregations": %s,
           "accuracy": "TEMPORAL"}}]}
        """.formatted(name, groupByName, properties, AGGREGATIONS));
  }

  private static final String ALWAYS = ", \"tableProperties\": {\"tidemark.partials\": \"always\"}";

  @Test
  void aJoinFromPartialsEqualsTheSameJoinFromRawEvents() {
    backfill(joinOf("raw_join", "raw_features", ""));
    backfill(joinOf("partial_join", "partial_features", ALWAYS));

    List<List<Object>> raw = rows("SELECT id, " + COLUMNS.replaceAll("(\\w+)", "pa_raw_features_$1")
        + " FROM lake.pa_out.pa_raw_join ORDER BY id");
    List<List<Object>> partial = rows("SELECT id, " + COLUMNS.replaceAll("(\\w+)", "pa_partial_features_$1")
        + " FROM lake.pa_out.pa_partial_join ORDER BY id");
    assertSame(partial, raw);
    Table partials = CATALOG.loadTable(new TableName("pa_out", "pa_partial_features_partials")).orElseThrow();
    assertThat(partials.properties()).containsEntry(TableProperties.TABLE_TYPE, "partials")
        .containsKey(TableProperties.PARTIALS_HASH)
        // Each key is once in a file, so its column is written without a dictionary, as the states are.
        .containsEntry("write.parquet.dict-encoding-enabled.column.k", "false")
        .containsEntry("write.parquet.dict-encoding-enabled.column.state_0", "false");
    assertThat(CATALOG.tableExists(new TableName("pa_out", "pa_raw_features_partials"))).isFalse();
    // The left's days run from 11-04 to 11-09; 3-day windows reach back to 11-01, and 11-10 holds no window's
    // whole day before the left's last row.
    assertThat(CATALOG.partitions(new TableName("pa_out", "pa_partial_features_partials")))
        .first().isEqualTo("2023-11-01");
  }

  @Test
  void aGroupByTableFromPartialsEqualsTheSameTableFromRawEvents() throws IOException {
    assertSameDailyTables("all", AGGREGATIONS, COLUMNS);
  }

  /** Without an unwindowed aggregation, each day's keys come from the partials of the longest window's days. */
  @Test
  void aGroupByWithWindowsOnlyFindsEachDaysKeysInTheLongestWindowsPartials() throws IOException {
    assertSameDailyTables("windowed", """
        [{"inputColumn": "n", "operation": "COUNT", "windows": [{"length": 3, "timeUnit": "DAYS"}]},
         {"inputColumn": "n", "operation": "SUM", "windows": [{"length": 36, "timeUnit": "HOURS"}]}]
        """, "n_count_3d, n_sum_36h");
  }

  private static void assertSameDailyTables(String name, String aggregations, String columns) throws IOException {
    GroupByBackfill raw = new GroupByBackfill(CATALOG, groupBy(name + "_raw", "", aggregations));
    raw.run(raw.plan(BackfillRange.all()), BackfillListener.NONE);
    GroupByBackfill partial = new GroupByBackfill(CATALOG, groupBy(name + "_partial", ALWAYS, aggregations));
    partial.run(partial.plan(BackfillRange.all()), BackfillListener.NONE);

    List<List<Object>> expected = rows("SELECT k, ds, " + columns + " FROM lake.pa_out.pa_" + name + "_raw ORDER BY k, ds");
    assertThat(expected).hasSizeGreaterThan(50);
    assertSame(rows("SELECT k, ds, " + columns + " FROM lake.pa_out.pa_" + name + "_partial ORDER BY k, ds"), expected);
  }

  @Test
  void windowsStartingAtMidnightAndOneMillisecondAfterItTakeTheRightEvents() {
    sql("CREATE TABLE lake.pa.hand (h STRING, n BIGINT, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.pa.hand VALUES "
        + "('h', 1, " + millis("2023-11-02T12:00:00Z") + ", '2023-11-02'), "
        + "('h', 10, " + millis("2023-11-03T00:00:00Z") + ", '2023-11-03'), "
        + "('h', 100, " + millis("2023-11-03T23:59:59.999Z") + ", '2023-11-03'), "
        + "('h', 1000, " + millis("2023-11-04T06:00:00Z") + ", '2023-11-04')");
    sql("CREATE TABLE lake.pa.hand_left (id STRING, h STRING, ts BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.pa.hand_left VALUES "
        + "('q1', 'h', " + millis("2023-11-05T00:00:00Z") + ", '2023-11-05'), "
        + "('q2', 'h', " + millis("2023-11-05T00:00:00.001Z") + ", '2023-11-05'), "
        + "('q3', 'h', " + millis("2023-11-04T12:00:00Z") + ", '2023-11-04'), "
        + "('q4', 'h', " + millis("2023-11-04T06:00:00Z") + ", '2023-11-04')");
    Loaded<Join> hand = join(definitions, "hand.v1", """
        {"metaData": {"name": "pa.hand.v1", "outputNamespace": "pa_out"},
         "left": {"events": {"table": "pa.hand_left", "query": {"selects": {"id": "id", "h": "h", "ts": "ts"}}}},
         "rowIds": ["id"],
         "joinParts": [{"groupBy": {"metaData": {"name": "pa.hand_features", "outputNamespace": "pa_out"%s},
           "sources": [{"events": {"table": "pa.hand"}}], "keyColumns": ["h"],
           "aggregations": [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": 2, "timeUnit": "DAYS"}]},
                            {"inputColumn": "n", "operation": "SUM"}],
           "accuracy": "TEMPORAL"}}]}
        """.formatted(ALWAYS));
    JoinBackfill backfill = new JoinBackfill(CATALOG, hand);
    JoinBackfillPlan plan = backfill.plan(BackfillRange.all());
    // The unwindowed SUM of 11-05's rows needs every day before: all three days with events.
    assertThat(plan.summary().details()).containsExactly("pa.hand_features: 2 column(s), TEMPORAL aggregations of "
        + "events, from daily partial aggregates in pa_out.pa_hand_features_partials and the raw events at the "
        + "windows' ends (tidemark.partials is always)", "pa.hand_features: daily partial aggregates in "
        + "pa_out.pa_hand_features_partials, 3 day(s) to build first, 2023-11-02 to 2023-11-04");
    assertThat(CATALOG.tableExists(new TableName("pa_out", "pa_hand_features_partials"))).isFalse();
    backfill.run(plan, BackfillListener.NONE);

    // q1: [11-03 00:00, 11-05 00:00) holds 10, 100, 1000. q2 starts 1 ms later: the event at midnight is out.
    // q3: [11-02 12:00, 11-04 12:00) holds all four (the start is inclusive). q4: the event at its own time is out.
    assertThat(rows("SELECT id, pa_hand_features_n_sum_2d, pa_hand_features_n_sum FROM lake.pa_out.pa_hand_v1 "
        + "ORDER BY id")).containsExactly(List.of("q1", 1110L, 1111L), List.of("q2", 1100L, 1111L),
        List.of("q3", 1111L, 1111L), List.of("q4", 111L, 111L));
    assertThat(CATALOG.partitions(new TableName("pa_out", "pa_hand_features_partials")))
        .containsExactly("2023-11-02", "2023-11-03", "2023-11-04");
    assertThat(CATALOG.loadTable(new TableName("pa_out", "pa_hand_features_partials")).orElseThrow().properties())
        .as("an unwindowed SUM needs every day").containsEntry(TableProperties.PARTIALS_KEEP_DAYS, "all");
  }

  @Test
  void anEventInAnotherDaysPartitionIsInNoDaysPartialsAndIsCounted() {
    sql("CREATE TABLE lake.pa.late (h STRING, n BIGINT, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.pa.late VALUES "
        + "('h', 1, " + millis("2023-11-02T10:00:00Z") + ", '2023-11-02'), "
        + "('h', 20, " + millis("2023-11-02T23:00:00Z") + ", '2023-11-03'), "
        + "('h', 300, " + millis("2023-11-03T10:00:00Z") + ", '2023-11-03')");
    sql("CREATE TABLE lake.pa.late_left (id STRING, h STRING, ts BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.pa.late_left VALUES ('q', 'h', " + millis("2023-11-04T05:00:00Z") + ", '2023-11-04')");

    backfill(join(definitions, "late.v1", """
        {"metaData": {"name": "pa.late.v1", "outputNamespace": "pa_out"},
         "left": {"events": {"table": "pa.late_left", "query": {"selects": {"id": "id", "h": "h", "ts": "ts"}}}},
         "rowIds": ["id"],
         "joinParts": [{"groupBy": {"metaData": {"name": "pa.late_features", "outputNamespace": "pa_out"%s},
           "sources": [{"events": {"table": "pa.late"}}], "keyColumns": ["h"],
           "aggregations": [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": 2, "timeUnit": "DAYS"}]}],
           "accuracy": "TEMPORAL"}}]}
        """.formatted(ALWAYS)));

    // [11-02 05:00, 11-04 05:00) holds all three events, but 20 sits in 11-03's partition with a time on 11-02: it is
    // in neither day's partials, and 11-02 is read raw from its own partition only.
    assertThat(rows("SELECT pa_late_features_n_sum_2d FROM lake.pa_out.pa_late_v1")).containsExactly(List.of(301L));
    assertThat(CATALOG.loadTable(new TableName("pa_out", "pa_late_features_partials")).orElseThrow().properties())
        .containsEntry(TableProperties.PARTIALS_EVENTS_OUTSIDE_DAY, "1");
  }

  @Test
  void anotherFilterRebuildsThePartialsAndAnotherWindowKeepsThem() {
    sql("CREATE TABLE lake.pa.change (h STRING, n BIGINT, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.pa.change VALUES "
        + "('h', 1, " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01'), "
        + "('h', 2, " + millis("2023-11-02T10:00:00Z") + ", '2023-11-02'), "
        + "('h', 4, " + millis("2023-11-03T10:00:00Z") + ", '2023-11-03')");
    sql("CREATE TABLE lake.pa.change_left (id STRING, h STRING, ts BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.pa.change_left VALUES ('q', 'h', " + millis("2023-11-04T01:00:00Z") + ", '2023-11-04')");
    TableName partials = new TableName("pa_out", "pa_change_features_partials");

    backfill(changeJoin("v1", "[]", 3));
    UUID first = CATALOG.loadTable(partials).orElseThrow().uuid();
    String hash = CATALOG.loadTable(partials).orElseThrow().properties().get(TableProperties.PARTIALS_HASH);
    assertThat(CATALOG.loadTable(partials).orElseThrow().properties())
        .containsEntry(TableProperties.PARTIALS_KEEP_DAYS, "3");
    backfill(changeJoin("v2", "[]", 2));
    assertThat(CATALOG.loadTable(partials).orElseThrow().uuid()).isEqualTo(first);
    backfill(changeJoin("v3", "[\"n > 1\"]", 3));
    Table rebuilt = CATALOG.loadTable(partials).orElseThrow();
    assertThat(rebuilt.uuid()).isNotEqualTo(first);
    assertThat(rebuilt.properties().get(TableProperties.PARTIALS_HASH)).isNotEqualTo(hash);

    // As of 11-04 01:00: 3 days hold 1 (at 11-01 10:00), 2 and 4; 2 days only 2 and 4; without n = 1, 6 again.
    assertThat(rows("SELECT * FROM (SELECT 'v1', pa_change_features_n_sum_3d FROM lake.pa_out.pa_change_v1 "
        + "UNION ALL SELECT 'v2', pa_change_features_n_sum_2d FROM lake.pa_out.pa_change_v2 "
        + "UNION ALL SELECT 'v3', pa_change_features_n_sum_3d FROM lake.pa_out.pa_change_v3) ORDER BY 1"))
        .containsExactly(List.of("v1", 7L), List.of("v2", 6L), List.of("v3", 6L));
  }

  private static Loaded<Join> changeJoin(String version, String wheres, int days) {
    return join(definitions, "change." + version, """
        {"metaData": {"name": "pa.change.%s", "outputNamespace": "pa_out"},
         "left": {"events": {"table": "pa.change_left", "query": {"selects": {"id": "id", "h": "h", "ts": "ts"}}}},
         "rowIds": ["id"],
         "joinParts": [{"groupBy": {"metaData": {"name": "pa.change_features", "outputNamespace": "pa_out"%s},
           "sources": [{"events": {"table": "pa.change", "query": {"wheres": %s}}}], "keyColumns": ["h"],
           "aggregations": [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": %d, "timeUnit": "DAYS"}]}],
           "accuracy": "TEMPORAL"}}]}
        """.formatted(version, ALWAYS, wheres, days));
  }

  @Test
  void aTableOfAnotherKindUnderThePartialsNameIsRefusedBeforeAnythingIsWritten() {
    sql("CREATE TABLE lake.pa_out.pa_taken_partials (x STRING) USING iceberg");
    Loaded<Join> join = joinOf("taken_join", "taken", ALWAYS);

    assertThatThrownBy(() -> new JoinBackfill(CATALOG, join).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-116 " + join.file() + ": joinParts[0].groupBy.metaData.tableProperties"
            + ".tidemark.partials: is always, but pa_out.pa_taken_partials, where the partial aggregates of pa.taken "
            + "are kept, exists and holds something else. Fix: rename or drop pa_out.pa_taken_partials, or set the "
            + "property to never");
    assertThat(CATALOG.tableExists(new TableName("pa_out", "pa_taken_join"))).isFalse();
  }

  @Test
  void partialsAreRefusedWhereTheyCannotBeKept() throws IOException {
    assertThatThrownBy(() -> load("bad_value", """
        {"metaData": {"name": "pa.bad_value", "outputNamespace": "pa_out",
                      "tableProperties": {"tidemark.partials": "sometimes"}},
         "sources": [{"events": {"table": "pa.events"}}], "keyColumns": ["k"],
         "aggregations": [{"inputColumn": "n", "operation": "SUM"}]}
        """)).isInstanceOf(InvalidDefinitionException.class)
        .hasMessageEndingWith(": metaData.tableProperties.tidemark.partials: is sometimes, which is not a choice of "
            + "daily partial aggregates. Fix: write always, never or auto (the default)");
    assertThatThrownBy(() -> load("entities", """
        {"metaData": {"name": "pa.entities", "outputNamespace": "pa_out",
                      "tableProperties": {"tidemark.partials": "always"}},
         "sources": [{"entities": {"snapshotTable": "pa.events"}}], "keyColumns": ["k"],
         "aggregations": [{"inputColumn": "n", "operation": "SUM"}]}
        """)).isInstanceOf(InvalidDefinitionException.class)
        .hasMessageEndingWith(": metaData.tableProperties.tidemark.partials: is always, but daily partial aggregates "
            + "are kept for aggregations of events only. Fix: remove the property, or set it to never");
    assertThatThrownBy(() -> load("cumulative", """
        {"metaData": {"name": "pa.cumulative", "outputNamespace": "pa_out",
                      "tableProperties": {"tidemark.partials": "always"}},
         "sources": [{"events": {"table": "pa.events", "isCumulative": true}}], "keyColumns": ["k"],
         "aggregations": [{"inputColumn": "n", "operation": "SUM"}]}
        """)).isInstanceOf(InvalidDefinitionException.class)
        .hasMessageEndingWith(": metaData.tableProperties.tidemark.partials: is always, but a cumulative source "
            + "repeats all history in each day's partition, so a day's partial aggregates cannot be told apart. Fix: "
            + "remove the property, or set it to never");
    assertThatThrownBy(() -> load("no_namespace", """
        {"metaData": {"name": "pa.no_namespace", "tableProperties": {"tidemark.partials": "always"}},
         "sources": [{"events": {"table": "pa.events"}}], "keyColumns": ["k"],
         "aggregations": [{"inputColumn": "n", "operation": "SUM"}]}
        """)).isInstanceOf(InvalidDefinitionException.class)
        .hasMessageEndingWith(": metaData.tableProperties.tidemark.partials: is always, but the GroupBy has no "
            + "metaData.outputNamespace to keep its partial aggregates in. Fix: name the namespace, e.g. "
            + "\"outputNamespace\": \"features\"");
  }

  private static Loaded<GroupBy> groupBy(String name, String properties, String aggregations) throws IOException {
    return load(name, """
        {"metaData": {"name": "pa.%s", "outputNamespace": "pa_out"%s},
         "sources": [{"events": {"table": "pa.events"}}], "keyColumns": ["k"], "aggregations": %s}
        """.formatted(name, properties, aggregations));
  }

  private static Loaded<GroupBy> load(String name, String json) throws IOException {
    Path file = definitions.resolve("group_bys/pa/" + name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return DefinitionLoader.loadGroupBy(file);
  }

  /**
   * Equal rows, floating values to a relative 1e-9: partials merge floating sums day by day where the sweep adds and
   * takes back single values.
   */
  private static void assertSame(List<List<Object>> actual, List<List<Object>> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int r = 0; r < expected.size(); r++) {
      List<Object> want = expected.get(r);
      List<Object> got = actual.get(r);
      for (int c = 0; c < want.size(); c++) {
        String what = "row " + r + " column " + c + " of " + want;
        if (want.get(c) instanceof Double value) {
          assertThat((Double) got.get(c)).as(what).isCloseTo(value, within(Math.abs(value) * 1e-9 + 1e-12));
        } else {
          assertThat(got.get(c)).as(what).isEqualTo(want.get(c));
        }
      }
    }
  }
}
