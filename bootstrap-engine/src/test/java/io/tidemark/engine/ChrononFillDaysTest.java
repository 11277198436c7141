package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fields of Chronon's confs that pick which days a backfill fills, and in which steps: a GroupBy's
 * {@code backfillStartDate}, {@code historicalBackfill: false} and customJson's {@code --step-days}. The visits
 * table has one visit a day at noon, 2024-03-01 to 2024-03-05, of n = 1 to 5.
 */
class ChrononFillDaysTest {
  private static final List<String> DAYS =
      List.of("2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05");
  private static final Clock LATER = Clock.fixed(Instant.parse("2024-03-09T08:00:00Z"), ZoneOffset.UTC);

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createVisits() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.cf");
    sql("CREATE TABLE lake.cf.visits (host STRING, n BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < DAYS.size(); i++) {
      rows.add("('h', " + (i + 1) + ", " + millis(DAYS.get(i) + "T12:00:00Z") + ", '" + DAYS.get(i) + "')");
    }
    sql("INSERT INTO lake.cf.visits VALUES " + String.join(", ", rows));
  }

  /** A GroupBy summing n over all time; %s are extra fields of its metaData, then of the GroupBy. */
  private static final String GROUP_BY = """
      {"metaData": {"name": "cf.%s.v1", "outputNamespace": "cf_out"%s},
       "sources": [{"events": {"table": "cf.visits", "query": {"selects": {"host": "host", "n": "n"}}}}],
       "keyColumns": ["host"],
       "aggregations": [{"inputColumn": "n", "operation": 7}]%s}
      """;

  @Test
  void aGroupBysBackfillStartDateIsWhereItsTableStartsWithoutChangingItsValues() throws IOException {
    Loaded<GroupBy> groupBy = load("group_bys/cf/late_start.v1",
        GROUP_BY.formatted("late_start", "", ", \"backfillStartDate\": \"2024-03-03\""), DefinitionLoader::loadGroupBy);
    GroupByBackfill backfill = new GroupByBackfill(CATALOG, groupBy);

    assertThat(backfill.plan(new BackfillRange("2024-03-02", null, 30)).fill().missing())
        .containsExactly("2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05");
    backfill.run(backfill.plan(BackfillRange.all()), BackfillListener.NONE);
    // All-time sums as of each day's end: 1+2+3, then + 4, then + 5; the days before 03-03 still count.
    assertThat(rows("SELECT * FROM lake.cf_out.cf_late_start_v1 ORDER BY ds")).containsExactly(
        List.of("h", 6L, "2024-03-03"), List.of("h", 10L, "2024-03-04"), List.of("h", 15L, "2024-03-05"));
  }

  @Test
  void aGroupByWithoutHistoricalBackfillFillsOnlyTheLatestDay() throws IOException {
    Loaded<GroupBy> groupBy = load("group_bys/cf/latest.v1",
        GROUP_BY.formatted("latest", ", \"historicalBackfill\": 0", ""), DefinitionLoader::loadGroupBy);
    GroupByBackfill backfill = new GroupByBackfill(CATALOG, groupBy);

    assertThat(backfill.plan(BackfillRange.all()).fill().missing()).containsExactly("2024-03-05");
    assertThat(backfill.plan(new BackfillRange(null, "2024-03-03", 30)).fill().missing())
        .containsExactly("2024-03-03");
  }

  @Test
  void aJoinWithoutHistoricalBackfillComputesOnlyTheLatestLeftDay() {
    Loaded<Join> join = join(definitions, "latest_visits.v1", """
        {"metaData": {"name": "test.latest_visits.v1", "outputNamespace": "cf_out", "historicalBackfill": false},
         "left": {"events": {"table": "cf.visits", "query": {"selects": {"host": "host", "ts": "ts"}}}},
         "joinParts": [{"groupBy": %s}]}
        """.formatted(GROUP_BY.formatted("before", "", "")));
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    backfill.run(backfill.plan(BackfillRange.all()), BackfillListener.NONE);

    // The visit of 03-05 at noon sees the visits strictly before it: 1 + 2 + 3 + 4.
    assertThat(rows("SELECT host, cf_before_v1_n_sum, ds FROM lake.cf_out.test_latest_visits_v1"))
        .containsExactly(List.of("h", 10L, "2024-03-05"));
  }

  @Test
  void aStagingQueryWithoutHistoricalBackfillNeedsNoStartAndFillsOnlyItsLastDay() throws IOException {
    Loaded<StagingQuery> query = load("staging_queries/cf/latest_total.v1", """
        {"metaData": {"name": "cf.latest_total.v1", "outputNamespace": "cf_out", "historicalBackfill": 0},
         "query": "SELECT host, SUM(n) AS total, '{{ end_date }}' AS ds FROM cf.visits WHERE ds <= '{{ end_date }}' GROUP BY host"}
        """, DefinitionLoader::loadStagingQuery);
    StagingQueryBackfill backfill = new StagingQueryBackfill(CATALOG, query, LATER);
    backfill.run(backfill.plan(new BackfillRange(null, "2024-03-04", 30)), BackfillListener.NONE);

    assertThat(rows("SELECT * FROM lake.cf_out.cf_latest_total_v1")).containsExactly(List.of("h", 10L, "2024-03-04"));
  }

  @Test
  void customJsonStepDaysSetTheStepsUnlessTheRunGivesItsOwn() {
    Loaded<Join> join = join(definitions, "two_day_steps.v1", """
        {"metaData": {"name": "test.two_day_steps.v1", "outputNamespace": "cf_out",
                      "customJson": "{\\"additional_args\\": [\\"--step-days\\", \\"2\\"]}"},
         "left": {"events": {"table": "cf.visits", "query": {"selects": {"host": "host", "ts": "ts"}}}},
         "joinParts": [{"groupBy": %s}]}
        """.formatted(GROUP_BY.formatted("stepped", "", "")));
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);

    assertThat(backfill.plan(BackfillRange.all()).fill().steps()).containsExactly(
        List.of("2024-03-01", "2024-03-02"), List.of("2024-03-03", "2024-03-04"), List.of("2024-03-05"));
    assertThat(backfill.plan(new BackfillRange(null, null, 3)).fill().steps()).containsExactly(
        List.of("2024-03-01", "2024-03-02", "2024-03-03"), List.of("2024-03-04", "2024-03-05"));
  }

  private interface Reader<T> {
    Loaded<T> read(Path file);
  }

  private static <T> Loaded<T> load(String relative, String json, Reader<T> reader) throws IOException {
    Path file = definitions.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return reader.read(file);
  }
}
