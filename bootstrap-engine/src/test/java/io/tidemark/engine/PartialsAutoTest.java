package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidemark.partials: auto} reads the partials a table already keeps for the GroupBy where they cost fewer rows
 * than the raw events, building the days it lacks only as part of that cheaper path, and otherwise reads raw events;
 * it never starts a table. Either way its values are those of the same definition with {@code never}.
 *
 * <p>The events: keys a and b, 20 events each on every day from 2023-10-01 to 2023-12-10 (40 a day), and one more of
 * b (n = 1000) at 2023-11-10 12:00 stored in 11-11's partition, so that a 30-day window over one day's queries from
 * 11-11 to 12-10 reads 31 days, 1,241 raw events. A day's partials leave out an event stored in another day's
 * partition, so that event tells which path a run took: raw events count it, partials do not.
 */
class PartialsAutoTest {
  private static final TableName PARTIALS = new TableName("pq_out", "pq_features_partials");
  private static final String AGGREGATIONS = """
      [{"inputColumn": "n", "operation": "SUM", "windows": [{"length": 30, "timeUnit": "DAYS"}]},
       {"inputColumn": "n", "operation": "COUNT", "windows": [{"length": 30, "timeUnit": "DAYS"}]}]
      """;

  @TempDir
  static Path definitions;

  @BeforeAll
  static void tables() throws Exception {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.pq");
    List<Row> events = new ArrayList<>();
    for (String day = "2023-10-01"; day.compareTo("2023-12-10") <= 0; day = PartitionDates.plusDays(day, 1)) {
      for (int i = 0; i < 20; i++) {
        long ts = PartitionDates.startMillis(day) + i * 3_600_000L + 60_000L;
        events.add(RowFactory.create("a", (long) i, ts, day));
        events.add(RowFactory.create("b", (long) (100 + i), ts, day));
      }
    }
    events.add(RowFactory.create("b", 1000L, PartitionDates.startMillis("2023-11-10") + 12 * 3_600_000L,
        "2023-11-11"));
    CATALOG.spark().createDataFrame(events, StructType.fromDDL("h STRING, n BIGINT, ts BIGINT, ds STRING"))
        .writeTo("lake.pq.events").partitionedBy(org.apache.spark.sql.functions.col("ds")).create();
    List<Row> left = new ArrayList<>();
    for (String day : List.of("2023-11-20", "2023-12-05", "2023-12-06")) {
      for (int hour : new int[] {0, 7, 23}) {
        long ts = PartitionDates.startMillis(day) + hour * 3_600_000L + 30 * 60_000L;
        left.add(RowFactory.create(day + "/" + hour + "/a", "a", ts, day));
        left.add(RowFactory.create(day + "/" + hour + "/b", "b", ts, day));
      }
    }
    CATALOG.spark().createDataFrame(left, StructType.fromDDL("id STRING, h STRING, ts BIGINT, ds STRING"))
        .writeTo("lake.pq.left").create();
  }

  @Test
  void autoReadsKeptPartialsWhereTheyCostLessAndRawEventsWhereTheyDoNot() {
    // A join that always reads partials builds them for the 30-day windows of 12-05's queries.
    backfill(join("always", "pq.features", "always"), "2023-12-05");
    long builtBefore = snapshots();

    // The next day with auto: the kept partials and one more day (12-05, now a whole day of the windows) cost fewer
    // rows than 1,241 raw events, so the day is built and read.
    Loaded<Join> auto = join("auto", "pq.features", "auto");
    assertThat(backfill(auto, "2023-12-06")).anySatisfy(line -> assertThat(line)
        .startsWith("pq.features: daily partial aggregates in pq_out.pq_features_partials for 1 of 1 step(s), 1 "
            + "day(s) to build first, 2023-12-05 (an estimated ")
        .endsWith(" rows to read from partials and raw events, each day to build counted 3 times its events, "
            + "against 1,241 raw events; tidemark.partials is auto)"));
    assertThat(snapshots()).as("one commit: 12-05's partials").isEqualTo(builtBefore + 1);
    assertThat(CATALOG.partitions(PARTIALS)).contains("2023-12-05");

    // An old day: its windows need 10-22 to 11-05, which the table lacks; building 15 days (600 events, counted 3
    // times) costs more than the 1,241 raw events, so they are read and nothing is built.
    assertThat(backfill(auto, "2023-11-20")).anySatisfy(line -> assertThat(line)
        .startsWith("pq.features: raw events in every step, not the daily partial aggregates in "
            + "pq_out.pq_features_partials (an estimated ")
        .endsWith(" against 1,241 raw events; tidemark.partials is auto)"));
    assertThat(snapshots()).as("nothing built").isEqualTo(builtBefore + 1);
    assertThat(CATALOG.partitions(PARTIALS)).doesNotContain("2023-11-05");

    Loaded<Join> never = join("never", "pq.never_features", "never");
    backfill(never, "2023-11-20");
    backfill(never, "2023-12-06");
    // 12-06 came from partials, which leave out b's event stored off its day; 11-20 from raw events, like never.
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> row : values("pq_never", "pq_never_features")) {
      String id = (String) row.get(0);
      expected.add(id.startsWith("2023-12-06/") && id.endsWith("/b")
          ? List.of(id, (Long) row.get(1) - 1, (Long) row.get(2) - 1000) : row);
    }
    assertThat(expected).hasSize(12);
    assertThat(values("pq_auto", "pq_features")).isEqualTo(expected);
  }

  @Test
  void autoWithoutAKeptTableReadsRawEventsAndStartsNone() {
    Loaded<Join> join = join("fresh", "pq.fresh_features", "auto");
    assertThat(backfill(join, "2023-12-06")).contains("pq.fresh_features: raw events, since "
        + "pq_out.pq_fresh_features_partials holds no daily partial aggregates of this version of the GroupBy "
        + "(tidemark.partials is auto, which reads partials only where they are kept; always builds them)");
    assertThat(CATALOG.tableExists(new TableName("pq_out", "pq_fresh_features_partials"))).isFalse();
    // a's 30 days before 12-06 00:30 hold 11-06's 19 events after 00:30 (n = 1 to 19), 20 on each of the 29 days
    // from 11-07 (n = 0 to 19), and 12-06's event at 00:01 (n = 0): 600 events, summing to 190 * 30.
    assertThat(rows("SELECT pq_fresh_features_n_count_30d, pq_fresh_features_n_sum_30d FROM lake.pq_out.pq_fresh "
        + "WHERE id = '2023-12-06/0/a'")).containsExactly(List.of(600L, 190L * 30));
  }

  @Test
  void aGroupByBackfillWithAutoFindsItsKeysAndValuesInTheKeptPartials() throws IOException {
    backfill(join("gb_always", "pq.gb_features", "always"), "2023-12-06");
    long builtBefore = snapshots(new TableName("pq_out", "pq_gb_features_partials"));

    GroupByBackfill auto = new GroupByBackfill(CATALOG, groupBy("gb_features", "auto"));
    GroupByBackfillPlan plan = auto.plan(new BackfillRange(day("2023-12-07"), day("2023-12-07"), 1));
    assertThat(plan.summary().details()).anySatisfy(line -> assertThat(line)
        .startsWith("pq.gb_features: daily partial aggregates in pq_out.pq_gb_features_partials for 1 of 1 step(s), "
            + "2 day(s) to build first, 2023-12-06 to 2023-12-07 (an estimated "));
    auto.run(plan, BackfillListener.NONE);
    assertThat(snapshots(new TableName("pq_out", "pq_gb_features_partials"))).isEqualTo(builtBefore + 1);

    GroupByBackfill never = new GroupByBackfill(CATALOG, groupBy("gb_never", "never"));
    never.run(never.plan(new BackfillRange(day("2023-12-07"), day("2023-12-07"), 1)), BackfillListener.NONE);
    // Each key's 30 days up to the end of 12-07: 11-08 to 12-07, 30 days of 20 events; raw events also count b's
    // event of 11-10 stored in 11-11's partition, which partials leave out.
    assertThat(rows("SELECT h, ds, n_count_30d, n_sum_30d FROM lake.pq_out.pq_gb_features ORDER BY h"))
        .containsExactly(List.of("a", "2023-12-07", 600L, 190L * 30), List.of("b", "2023-12-07", 600L, 2190L * 30));
    assertThat(rows("SELECT h, ds, n_count_30d, n_sum_30d FROM lake.pq_out.pq_gb_never ORDER BY h"))
        .containsExactly(List.of("a", "2023-12-07", 600L, 190L * 30),
            List.of("b", "2023-12-07", 601L, 2190L * 30 + 1000));
  }

  private static Loaded<Join> join(String name, String groupBy, String mode) {
    return JoinFixtures.join(definitions, name, """
        {"metaData": {"name": "pq.%s", "outputNamespace": "pq_out"},
         "left": {"events": {"table": "pq.left", "query": {"selects": {"id": "id", "h": "h", "ts": "ts"}}}},
         "rowIds": ["id"],
         "joinParts": [{"groupBy": {"metaData": {"name": "%s", "outputNamespace": "pq_out",
             "tableProperties": {"tidemark.partials": "%s"}},
           "sources": [{"events": {"table": "pq.events"}}], "keyColumns": ["h"], "aggregations": %s,
           "accuracy": "TEMPORAL"}}]}
        """.formatted(name, groupBy, mode, AGGREGATIONS));
  }

  private static Loaded<GroupBy> groupBy(String name, String mode) throws IOException {
    Path file = definitions.resolve("group_bys/pq/" + name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        {"metaData": {"name": "pq.%s", "outputNamespace": "pq_out", "tableProperties": {"tidemark.partials": "%s"}},
         "sources": [{"events": {"table": "pq.events"}}], "keyColumns": ["h"], "aggregations": %s,
         "accuracy": "TEMPORAL"}
        """.formatted(name, mode, AGGREGATIONS));
    return DefinitionLoader.loadGroupBy(file);
  }

  /** Plans and runs the join's backfill of {@code day}; returns the plan's lines on its parts. */
  private static List<String> backfill(Loaded<Join> join, String day) {
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    JoinBackfillPlan plan = backfill.plan(new BackfillRange(day(day), day(day), 1));
    backfill.run(plan, BackfillListener.NONE);
    return plan.summary().details();
  }

  private static List<List<Object>> values(String join, String prefix) {
    return rows("SELECT id, " + prefix + "_n_count_30d, " + prefix + "_n_sum_30d FROM lake.pq_out." + join
        + " ORDER BY id");
  }

  private static long snapshots() {
    return snapshots(PARTIALS);
  }

  /** How many commits {@code table} has had. */
  private static long snapshots(TableName table) {
    return CATALOG.loadTable(table).orElseThrow().history().size();
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
