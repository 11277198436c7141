package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.TableProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial aggregates of aligned 8- and 32-day blocks: long windows over 100 days of events give what raw events give,
 * and the table holds the blocks whose days it holds, counted by hand on a small data set.
 */
class PartialBlocksBackfillTest {
  private static final long DAY = PartitionDates.DAY_MILLIS;
  private static final long START = PartitionDates.startMillis("2023-10-01");

  @TempDir
  static Path definitions;

  private static final String AGGREGATIONS = """
      [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": 36, "timeUnit": "HOURS"},
          {"length": 30, "timeUnit": "DAYS"}, {"length": 90, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "SUM"},
       {"inputColumn": "n", "operation": "COUNT", "windows": [{"length": 90, "timeUnit": "DAYS"}]},
       {"inputColumn": "d", "operation": "AVERAGE", "windows": [{"length": 90, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "MIN", "windows": [{"length": 90, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "LAST", "windows": [{"length": 90, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "LAST_K", "argMap": {"k": "3"},
        "windows": [{"length": 30, "timeUnit": "DAYS"}]},
       {"inputColumn": "s", "operation": "UNIQUE_COUNT", "windows": [{"length": 90, "timeUnit": "DAYS"}]},
       {"inputColumn": "s", "operation": "APPROX_UNIQUE_COUNT", "windows": [{"length": 90, "timeUnit": "DAYS"}]},
       {"inputColumn": "s", "operation": "HISTOGRAM", "windows": [{"length": 30, "timeUnit": "DAYS"}]}]
      """;

  private static final String COLUMNS = "n_sum_36h, n_sum_30d, n_sum_90d, n_sum, n_count_90d, d_average_90d, "
      + "n_min_90d, n_last_90d, n_last3_30d, s_unique_count_90d, s_approx_unique_count_90d, s_histogram_30d";

  @BeforeAll
  static void tables() throws Exception {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.pb");
    Random random = new Random(20231001);
    List<Row> events = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      long ts = START + (long) (random.nextDouble() * 100 * DAY);
      if (i % 40 == 0) {
        ts = START + random.nextInt(100) * DAY;
      }
      String key = "k" + random.nextInt(6);
      Long n = random.nextInt(9) == 0 ? null : (long) random.nextInt(50);
      events.add(RowFactory.create(key, ts, n, random.nextInt(1000) / 7.0, "s" + random.nextInt(12),
          PartitionDates.dayOf(ts)));
    }
    // Keys with one event each: z1 on 2023-10-06, which a 90-day window holds until 2024-01-03; z2 on 2023-11-20,
    // inside the 32-day block from 2023-11-19.
    for (String[] sparse : new String[][] {{"z1", "2023-10-06T10:00:00Z"}, {"z2", "2023-11-20T10:00:00Z"}}) {
      long ts = millis(sparse[1]);
      events.add(RowFactory.create(sparse[0], ts, 7L, 1.0, "s0", PartitionDates.dayOf(ts)));
    }
    CATALOG.spark().createDataFrame(events, StructType.fromDDL("k STRING, ts BIGINT, n BIGINT, d DOUBLE, s STRING, "
        + "ds STRING")).writeTo("lake.pb.events").partitionedBy(org.apache.spark.sql.functions.col("ds")).create();
    List<Row> left = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long ts = START + 80 * DAY + (long) (random.nextDouble() * 20 * DAY);
      if (i % 25 == 0) {
        ts = START + (80 + random.nextInt(20)) * DAY;
      }
      left.add(RowFactory.create("r" + i, "k" + random.nextInt(7), ts, PartitionDates.dayOf(ts)));
    }
    CATALOG.spark().createDataFrame(left, StructType.fromDDL("id STRING, k STRING, ts BIGINT, ds STRING"))
        .writeTo("lake.pb.left").create();
  }

  @Test
  void longWindowsFromDaysAndBlocksEqualTheSameWindowsFromRawEvents() {
    backfill(longJoin("raw", "never"));
    backfill(longJoin("blocks", "always"));

    List<List<Object>> raw = rows("SELECT id, " + COLUMNS.replaceAll("(\\w+)", "pb_raw_features_$1")
        + " FROM lake.pb_out.pb_raw_join ORDER BY id");
    List<List<Object>> partial = rows("SELECT id, " + COLUMNS.replaceAll("(\\w+)", "pb_blocks_features_$1")
        + " FROM lake.pb_out.pb_blocks_join ORDER BY id");
    assertThat(raw).hasSize(300);
    assertThat(partial).hasSameSizeAs(raw);
    for (int r = 0; r < raw.size(); r++) {
      for (int c = 0; c < raw.get(r).size(); c++) {
        Object want = raw.get(r).get(c);
        String what = "row " + r + " column " + c + " of " + raw.get(r);
        if (want instanceof Double value) {
          assertThat((Double) partial.get(r).get(c)).as(what).isCloseTo(value, within(Math.abs(value) * 1e-9));
        } else {
          assertThat(partial.get(r).get(c)).as(what).isEqualTo(want);
        }
      }
    }
    // Days from 2023-10-01 (epoch day 19631) to 2024-01-08: 32-blocks from 19648 and 19680 (19712..19743 would end
    // after the last day), and 8-blocks among them.
    assertThat(rows("SELECT DISTINCT span_days, ds FROM lake.pb_out.pb_blocks_features_partials WHERE span_days = 32 "
        + "ORDER BY ds")).containsExactly(List.of(32, "2023-11-18"), List.of(32, "2023-12-20"));
    assertThat(rows("SELECT count(*) FROM lake.pb_out.pb_blocks_features_partials WHERE span_days = 8").get(0).get(0))
        .isNotEqualTo(0L);
  }

  /**
   * A GroupBy's days find their keys in the blocks that lie within every day's window and in the days around them,
   * and hold the keys and values raw events give.
   */
  @Test
  void aGroupByFindsEachDaysKeysInBlocksAndDaysAsRawEventsDo() throws IOException {
    // Days 2023-12-28 to 2024-01-05: every day's 90-day window holds 2023-10-08 to 2023-12-28, and in it the 8-day
    // blocks from 2023-10-10 and 2023-12-21 and the 32-day blocks from 2023-10-18 and 2023-11-19.
    BackfillRange days = new BackfillRange(day("2023-12-28"), day("2024-01-05"), BackfillRange.DEFAULT_STEP_DAYS);
    for (String mode : List.of("never", "always")) {
      GroupByBackfill backfill = new GroupByBackfill(CATALOG, groupBy(mode));
      backfill.run(backfill.plan(days), BackfillListener.NONE);
    }

    String columns = "k, ds, n_count_90d, n_sum_30d";
    List<List<Object>> raw = rows("SELECT " + columns + " FROM lake.pb_out.pb_keys_never ORDER BY k, ds");
    assertThat(raw).hasSizeGreaterThan(60);
    assertThat(rows("SELECT " + columns + " FROM lake.pb_out.pb_keys_always ORDER BY k, ds")).isEqualTo(raw);
    assertThat(rows("SELECT ds FROM lake.pb_out.pb_keys_always WHERE k = 'z1' ORDER BY ds")).containsExactly(
        List.of("2023-12-28"), List.of("2023-12-29"), List.of("2023-12-30"), List.of("2023-12-31"),
        List.of("2024-01-01"), List.of("2024-01-02"), List.of("2024-01-03"));
    assertThat(rows("SELECT count(*), min(n_count_90d) FROM lake.pb_out.pb_keys_always WHERE k = 'z2'"))
        .containsExactly(List.of(9L, 1L));
    assertThat(rows("SELECT DISTINCT span_days FROM lake.pb_out.pb_keys_always_partials ORDER BY span_days"))
        .containsExactly(List.of(1), List.of(8), List.of(32));
  }

  private static Loaded<GroupBy> groupBy(String mode) throws IOException {
    Path file = definitions.resolve("group_bys/pb/keys_" + mode);
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        {"metaData": {"name": "pb.keys_%s", "outputNamespace": "pb_out",
           "tableProperties": {"tidemark.partials": "%s"}},
         "sources": [{"events": {"table": "pb.events"}}], "keyColumns": ["k"],
         "aggregations": [{"inputColumn": "n", "operation": "COUNT", "windows": [{"length": 90, "timeUnit": "DAYS"}]},
           {"inputColumn": "n", "operation": "SUM", "windows": [{"length": 30, "timeUnit": "DAYS"}]}]}
        """.formatted(mode, mode));
    return DefinitionLoader.loadGroupBy(file);
  }

  private static Loaded<Join> longJoin(String name, String partials) {
    return join(definitions, name, """
        {"metaData": {"name": "pb.%s_join", "outputNamespace": "pb_out"},
         "left": {"events": {"table": "pb.left", "query": {"selects": {"id": "id", "k": "k", "ts": "ts"}}}},
         "rowIds": ["id"],
         "joinParts": [{"groupBy": {"metaData": {"name": "pb.%s_features", "outputNamespace": "pb_out",
             "tableProperties": {"tidemark.partials": "%s"}},
           "sources": [{"events": {"table": "pb.events"}}], "keyColumns": ["k"], "aggregations": %s,
           "accuracy": "TEMPORAL"}}]}
        """.formatted(name, name, partials, AGGREGATIONS));
  }

  @Test
  void aFillBuildsTheBlocksWhoseDaysItCompletesFromOldAndNewDays() {
    // Key a has n = 1 at 06:00 on each of 40 days from 2023-12-21 (epoch day 19712 = 32 * 616) to 2024-01-29 (19751);
    // key b only on 2023-12-21.
    sql("CREATE TABLE lake.pb.small (h STRING, n BIGINT, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    insertDays(0, 40);
    sql("INSERT INTO lake.pb.small VALUES ('b', 5, " + (millis("2023-12-21T06:00:00Z") + 1) + ", '2023-12-21')");
    TableName partials = new TableName("pb_out", "pb_small_features_partials");

    // An unwindowed sum as of 2024-01-30 12:00 (30 days start 12-31 12:00, after that day's event: 29 events) fills
    // all 40 days: 8-blocks 19712, 19720, 19728, 19736, 19744 (each
    // named by its last day) and the 32-block 19712..19743; b has rows in the first 8-block and the 32-block.
    backfill(smallJoin("v1", "2024-01-30T12:00:00Z"));
    assertThat(spans(partials)).containsExactly(List.of(1, 41L), List.of(8, 6L), List.of(32, 2L));
    assertThat(rows("SELECT ds FROM lake.pb_out.pb_small_features_partials WHERE span_days = 8 AND h = 'a' "
        + "ORDER BY ds")).containsExactly(List.of("2023-12-28"), List.of("2024-01-05"), List.of("2024-01-13"),
        List.of("2024-01-21"), List.of("2024-01-29"));
    assertThat(rows("SELECT ds FROM lake.pb_out.pb_small_features_partials WHERE span_days = 32 AND h = 'a'"))
        .containsExactly(List.of("2024-01-21"));
    assertThat(rows("SELECT pb_small_features_n_sum, pb_small_features_n_sum_30d FROM lake.pb_out.pb_small_v1"))
        .containsExactly(List.of(40L, 29L));

    // 24 more days to 2024-02-22 (19775): one fill adds 8-blocks 19752, 19760, 19768 and the 32-block 19744..19775,
    // which merges 8 days already in the table with 16 new ones.
    insertDays(40, 24);
    UUID table = CATALOG.loadTable(partials).orElseThrow().uuid();
    backfill(smallJoin("v2", "2024-03-01T12:00:00Z"));
    assertThat(CATALOG.loadTable(partials).orElseThrow().uuid()).isEqualTo(table);
    assertThat(spans(partials)).containsExactly(List.of(1, 65L), List.of(8, 9L), List.of(32, 3L));
    // As of 2024-03-01 12:00: every one of the 64 events, read from the two 32-blocks; 30 days start 01-31 12:00,
    // after that day's event, so 02-01 to 02-22: 22.
    assertThat(rows("SELECT pb_small_features_n_sum, pb_small_features_n_sum_30d FROM lake.pb_out.pb_small_v2"))
        .containsExactly(List.of(64L, 22L));

    // A table of the layout before blocks is rebuilt, blocks and all.
    sql("ALTER TABLE lake.pb_out.pb_small_features_partials UNSET TBLPROPERTIES ('"
        + TableProperties.PARTIALS_LAYOUT + "')");
    backfill(smallJoin("v3", "2024-03-01T12:00:00Z"));
    assertThat(CATALOG.loadTable(partials).orElseThrow().uuid()).isNotEqualTo(table);
    assertThat(CATALOG.loadTable(partials).orElseThrow().properties())
        .containsEntry(TableProperties.PARTIALS_LAYOUT, "2");
    assertThat(spans(partials)).containsExactly(List.of(1, 65L), List.of(8, 9L), List.of(32, 3L));
    assertThat(rows("SELECT pb_small_features_n_sum, pb_small_features_n_sum_30d FROM lake.pb_out.pb_small_v3"))
        .containsExactly(List.of(64L, 22L));
  }

  /** Key a's event of n = 1 at 06:00 on {@code count} days from 2023-12-21 plus {@code from} days. */
  private static void insertDays(int from, int count) {
    List<String> values = new ArrayList<>();
    for (int day = from; day < from + count; day++) {
      long ts = millis("2023-12-21T06:00:00Z") + day * DAY;
      values.add("('a', 1, " + ts + ", '" + PartitionDates.dayOf(ts) + "')");
    }
    sql("INSERT INTO lake.pb.small VALUES " + String.join(", ", values));
  }

  private static List<List<Object>> spans(TableName partials) {
    return rows("SELECT span_days, count(*) FROM lake." + partials + " GROUP BY span_days ORDER BY span_days");
  }

  private static Loaded<Join> smallJoin(String version, String asOf) {
    String leftTable = "small_left_" + version;
    sql("CREATE TABLE lake.pb." + leftTable + " (id STRING, h STRING, ts BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.pb." + leftTable + " VALUES ('q', 'a', " + millis(asOf) + ", '" + asOf.substring(0, 10)
        + "')");
    return join(definitions, "small." + version, """
        {"metaData": {"name": "pb.small.%s", "outputNamespace": "pb_out"},
         "left": {"events": {"table": "pb.%s", "query": {"selects": {"id": "id", "h": "h", "ts": "ts"}}}},
         "rowIds": ["id"],
         "joinParts": [{"groupBy": {"metaData": {"name": "pb.small_features", "outputNamespace": "pb_out",
             "tableProperties": {"tidemark.partials": "always"}},
           "sources": [{"events": {"table": "pb.small"}}], "keyColumns": ["h"],
           "aggregations": [{"inputColumn": "n", "operation": "SUM"},
             {"inputColumn": "n", "operation": "SUM", "windows": [{"length": 30, "timeUnit": "DAYS"}]}],
           "accuracy": "TEMPORAL"}}]}
        """.formatted(version, leftTable));
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
