package io.tidemark.engine.compute;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.groupBy;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step's left rows read once: a GroupBy's keys per day are kept from their summary to their computation and
 * released on close; a join's left, a scan of its table, is not kept. Sales: h1 5 at 2023-11-01 10:00, h1 7 at
 * 2023-11-02 23:00, h2 3 at 2023-11-02 01:00; a 1-day SUM and a 2-day COUNT.
 */
class LeftStepTest {
  private static final List<Day> DAYS = List.copyOf(Day.parseAll(List.of("2023-11-01", "2023-11-02", "2023-11-03",
      "2023-11-04")));

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.left_step");
    sql("CREATE TABLE lake.left_step.sales (host STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.left_step.sales VALUES ('h1', 5, " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01'), "
        + "('h1', 7, " + millis("2023-11-02T23:00:00Z") + ", '2023-11-02'), "
        + "('h2', 3, " + millis("2023-11-02T01:00:00Z") + ", '2023-11-02')");
    sql("CREATE TABLE lake.left_step.visits (host STRING, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.left_step.visits VALUES ('h1', " + millis("2023-11-02T12:00:00Z") + ", '2023-11-02')");
  }

  @Test
  void aGroupBysKeysAreKeptFromTheirSummaryToTheirComputationAndReleasedOnClose() {
    Loaded<GroupBy> sales = sales();
    BoundJoin bound = BoundJoin.ofGroupBy(CATALOG, sales.definition(), sales.location());
    Dataset<Row> kept;
    try (LeftStep left = bound.readLeft(DAYS, "run-1")) {
      // A key counts for the days its events are in the 2-day window of: h1 on the 1st to the 3rd (its 7 at 23:00 on
      // the 2nd leaves by the end of the 4th), h2 on the 2nd and 3rd.
      assertThat(left.input().days()).extracting(Day::toString)
          .containsExactly("2023-11-01", "2023-11-02", "2023-11-03");
      assertThat(left.input().emptyDays()).extracting(Day::toString).containsExactly("2023-11-04");
      assertThat(left.input().rows()).isEqualTo(5);
      assertThat(left.kept()).isPresent();
      kept = left.kept().orElseThrow();
      assertThat(kept.storageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK());

      try (ComputedStep step = bound.compute(left, "run-1")) {
        step.rows().drop(Names.PROVENANCE_COLUMN).createOrReplaceTempView("left_step_computed");
        assertThat(rows("SELECT * FROM left_step_computed ORDER BY ds, host")).containsExactly(
            Arrays.asList("h1", 5L, 1L, "2023-11-01"),
            Arrays.asList("h1", 7L, 2L, "2023-11-02"),
            Arrays.asList("h2", 3L, 1L, "2023-11-02"),
            // Nothing in the last day; the 2-day window still holds the 2nd's events.
            Arrays.asList("h1", null, 1L, "2023-11-03"),
            Arrays.asList("h2", null, 1L, "2023-11-03"));
      }
    }
    assertThat(kept.storageLevel()).isEqualTo(StorageLevel.NONE());
  }

  @Test
  void aOneDayStepHasTheKeysWhoseEventsAreInItsLongestWindow() {
    Loaded<GroupBy> sales = sales();
    BoundJoin bound = BoundJoin.ofGroupBy(CATALOG, sales.definition(), sales.location());
    // At the end of the 3rd the 2-day window holds the 2nd and the 3rd: h1's 7 and h2's 3, not h1's 5 of the 1st.
    try (LeftStep left = bound.readLeft(List.of(Day.parse("2023-11-03")), "run-3");
        ComputedStep step = bound.compute(left, "run-3")) {
      assertThat(left.input().rows()).isEqualTo(2);
      step.rows().drop(Names.PROVENANCE_COLUMN).createOrReplaceTempView("left_step_one_day");
      assertThat(rows("SELECT * FROM left_step_one_day ORDER BY host")).containsExactly(
          Arrays.asList("h1", null, 1L, "2023-11-03"),
          Arrays.asList("h2", null, 1L, "2023-11-03"));
    }
    // The 5th is past every window: no key.
    try (LeftStep left = bound.readLeft(List.of(Day.parse("2023-11-05")), "run-4")) {
      assertThat(left.input().days()).isEmpty();
      assertThat(left.input().emptyDays()).extracting(Day::toString).containsExactly("2023-11-05");
      assertThat(left.kept()).isEmpty();
    }
  }

  @Test
  void aJoinsLeftIsReadFromItsTableEachTime() {
    Loaded<Join> join = join(definitions, "left_step.v1", """
        {"metaData": {"name": "left_step.visits.v1", "outputNamespace": "left_step_out"},
         "left": {"events": {"table": "left_step.visits"}},
         "joinParts": [{"groupBy": {"metaData": {"name": "left_step.sales"},
           "sources": [{"events": {"table": "left_step.sales"}}], "keyColumns": ["host"],
           "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}]}
        """);
    try (LeftStep left = BoundJoin.of(CATALOG, join.definition(), join.location()).readLeft(DAYS, "run-2")) {
      assertThat(left.input().days()).extracting(Day::toString).containsExactly("2023-11-02");
      assertThat(left.input().rows()).isEqualTo(1);
      assertThat(left.kept()).isEmpty();
    }
  }

  private static Loaded<GroupBy> sales() {
    return groupBy(definitions, "sales.v1", """
        {"metaData": {"name": "left_step.sales.v1", "outputNamespace": "left_step_out"},
         "sources": [{"events": {"table": "left_step.sales",
           "query": {"selects": {"host": "host", "amount": "amount"}}}}],
         "keyColumns": ["host"],
         "aggregations": [
           {"inputColumn": "amount", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "DAYS"}]},
           {"inputColumn": "amount", "operation": "COUNT", "windows": [{"length": 2, "timeUnit": "DAYS"}]}]}
        """);
  }
}
