package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
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
import io.tidemark.catalog.TableProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial aggregates are a cache of their source partitions: rows added to a day already built, a day's partition
 * deleted, a day once without events that gets some, each reach the next backfill that reads the partials (a join's
 * and a GroupBy's), as they reach one that reads raw events; the table is kept and only what changed is built again.
 */
class PartialsFollowTheirSourcesTest {
  private static final TableName PARTIALS = new TableName("pf_out", "pf_features_partials");

  @TempDir
  static Path definitions;

  @Test
  void changedSourcePartitionsAreBuiltAgainBeforeTheyAreRead() {
    // Key a has n = 1 at 06:00 on each of the 32 days of the aligned block 2023-12-21 (epoch day 19712 = 32 * 616) to
    // 2024-01-21; 2024-01-25's partition holds only an event without a key, so that day is filled without rows.
    sql("CREATE NAMESPACE IF NOT EXISTS lake.pf");
    sql("CREATE TABLE lake.pf.events (h STRING, n BIGINT, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    List<String> values = new ArrayList<>();
    for (int day = 0; day < 32; day++) {
      values.add(event("a", 1, PartitionDates.plusDays("2023-12-21", day) + "T06:00:00Z"));
    }
    values.add(event(null, 5, "2024-01-25T06:00:00Z"));
    insert(values);
    sql("CREATE TABLE lake.pf.left (id STRING, h STRING, ts BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.pf.left VALUES ('q', 'a', " + millis("2024-01-30T12:00:00Z") + ", '2024-01-30')");
    Loaded<Join> join = join(definitions, "pf.v1", """
        {"metaData": {"name": "pf.v1", "outputNamespace": "pf_out"},
         "left": {"events": {"table": "pf.left", "query": {"selects": {"id": "id", "h": "h", "ts": "ts"}}}},
         "rowIds": ["id"],
         "joinParts": [{"groupBy": {"metaData": {"name": "pf.features", "outputNamespace": "pf_out",
             "tableProperties": {"tidemark.partials": "always"}},
           "sources": [{"events": {"table": "pf.events"}}], "keyColumns": ["h"],
           "aggregations": [{"inputColumn": "n", "operation": "SUM"},
             {"inputColumn": "n", "operation": "SUM", "windows": [{"length": 30, "timeUnit": "DAYS"}]}],
           "accuracy": "TEMPORAL"}}]}
        """);

    // As of 2024-01-30 12:00: all 32 events, read from the 32-day block; 30 days start 12-31 12:00, after that day's
    // event, so 01-01 to 01-21: 21.
    JoinFixtures.backfill(join);
    assertThat(values()).containsExactly(List.of(32L, 21L));
    UUID table = partials().uuid();
    assertThat(rows("SELECT span_days, count(*) FROM lake." + PARTIALS + " WHERE span_days = 32 GROUP BY span_days"))
        .containsExactly(List.of(32, 1L));
    assertThat(partials().properties()).containsEntry(TableProperties.EMPTY_PARTITIONS, "2024-01-25")
        .containsKey(TableProperties.PARTIALS_SOURCE_VERSIONS);

    // Late rows: 100 on 12-25 (before the 30 days), 1000 on 01-10, and in 01-10's partition 50000 at 01-09 23:00,
    // which lies on another day and so is in no day's partials. Both days, and the blocks that hold them, are built
    // again: 132 + 1000, and 21 + 1000.
    insert(List.of(event("a", 100, "2023-12-25T07:00:00Z"), event("a", 1000, "2024-01-10T07:00:00Z"),
        "('a', 50000, " + millis("2024-01-09T23:00:00Z") + ", '2024-01-10')"));
    assertThat(recompute(join)).as("the plan").contains("pf.features: daily partial aggregates in "
        + "pf_out.pf_features_partials, 2 day(s) to build again, 2023-12-25 to 2024-01-10 (their source partitions "
        + "changed)");
    assertThat(values()).containsExactly(List.of(1132L, 1021L));
    assertThat(partials().properties()).containsEntry(TableProperties.PARTIALS_EVENTS_OUTSIDE_DAY, "1");

    // 01-15's partition deleted: its partials, and the blocks that hold it, are no longer read.
    sql("DELETE FROM lake.pf.events WHERE ds = '2024-01-15'");
    assertThat(recompute(join)).as("the plan: nothing to build for a day without a partition").contains(
        "pf.features: daily partial aggregates in pf_out.pf_features_partials, every day the windows need is built");
    assertThat(values()).containsExactly(List.of(1131L, 1020L));

    // 01-25, filled without rows, gets an event of a; 01-10 another row: built again, its event off the day counted
    // once still.
    insert(List.of(event("a", 10000, "2024-01-25T06:00:00Z"), event("a", 20000, "2024-01-10T08:00:00Z")));
    assertThat(recompute(join)).as("the plan").contains("pf.features: daily partial aggregates in "
        + "pf_out.pf_features_partials, 2 day(s) to build again, 2024-01-10 to 2024-01-25 (their source partitions "
        + "changed)");
    assertThat(values()).containsExactly(List.of(31131L, 31020L));
    assertThat(partials().properties()).containsEntry(TableProperties.PARTIALS_EVENTS_OUTSIDE_DAY, "1")
        .as("01-25 has rows now").containsEntry(TableProperties.EMPTY_PARTITIONS, "");
    assertThat(partials().uuid()).as("the table is kept").isEqualTo(table);
  }

  @Test
  void aGroupByFindsTheKeysOfLateRowsInTheDayBuiltAgain() throws IOException {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.pf");
    sql("CREATE TABLE lake.pf.gb_events (h STRING, n BIGINT, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.pf.gb_events VALUES " + String.join(", ", List.of(event("a", 1, "2023-11-01T06:00:00Z"),
        event("a", 1, "2023-11-02T06:00:00Z"), event("a", 1, "2023-11-03T06:00:00Z"))));
    Path file = definitions.resolve("group_bys/pf/totals");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        {"metaData": {"name": "pf.totals", "outputNamespace": "pf_out",
                      "tableProperties": {"tidemark.partials": "always"}},
         "sources": [{"events": {"table": "pf.gb_events"}}], "keyColumns": ["h"],
         "aggregations": [{"inputColumn": "n", "operation": "SUM"}]}
        """);
    Loaded<GroupBy> groupBy = DefinitionLoader.loadGroupBy(file);

    // Each day's row holds the events up to that day's end.
    GroupByBackfill first = new GroupByBackfill(CATALOG, groupBy);
    GroupByBackfillPlan firstPlan = first.plan(BackfillRange.all());
    assertThat(firstPlan.summary().details()).contains("pf.totals: daily partial aggregates in "
        + "pf_out.pf_totals_partials, 3 day(s) to build first, 2023-11-01 to 2023-11-03");
    first.run(firstPlan, BackfillListener.NONE);
    assertThat(rows("SELECT h, ds, n_sum FROM lake.pf_out.pf_totals ORDER BY h, ds")).containsExactly(
        List.of("a", "2023-11-01", 1L), List.of("a", "2023-11-02", 2L), List.of("a", "2023-11-03", 3L));

    // Key b first appears in a late row of 11-02, a day whose partials are built already.
    sql("INSERT INTO lake.pf.gb_events VALUES " + event("b", 10, "2023-11-02T09:00:00Z"));
    GroupByBackfill again = new GroupByBackfill(CATALOG, groupBy);
    GroupByBackfillPlan againPlan =
        again.plan(new BackfillRange(Optional.empty(), Optional.empty(), 30, BackfillRange.Refill.RECOMPUTE));
    assertThat(againPlan.summary().details()).contains("pf.totals: daily partial aggregates in "
        + "pf_out.pf_totals_partials, 1 day(s) to build again, 2023-11-02 (their source partitions changed)");
    again.run(againPlan, BackfillListener.NONE);
    assertThat(rows("SELECT h, ds, n_sum FROM lake.pf_out.pf_totals ORDER BY h, ds")).containsExactly(
        List.of("a", "2023-11-01", 1L), List.of("a", "2023-11-02", 2L), List.of("a", "2023-11-03", 3L),
        List.of("b", "2023-11-02", 10L), List.of("b", "2023-11-03", 10L));
  }

  private static String event(String key, long n, String instant) {
    return "(" + (key == null ? "NULL" : "'" + key + "'") + ", " + n + ", " + millis(instant) + ", '"
        + instant.substring(0, 10) + "')";
  }

  private static void insert(List<String> values) {
    sql("INSERT INTO lake.pf.events VALUES " + String.join(", ", values));
  }

  /** Recomputes every day of the join; returns the lines of its plan that describe the parts. */
  private static List<String> recompute(Loaded<Join> join) {
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    JoinBackfillPlan plan =
        backfill.plan(new BackfillRange(Optional.empty(), Optional.empty(), 30, BackfillRange.Refill.RECOMPUTE));
    backfill.run(plan, BackfillListener.NONE);
    return plan.summary().details();
  }

  private static List<List<Object>> values() {
    return rows("SELECT pf_features_n_sum, pf_features_n_sum_30d FROM lake.pf_out.pf_v1");
  }

  private static Table partials() {
    return CATALOG.loadTable(PARTIALS).orElseThrow();
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
