package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.validation.InvalidDefinitionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fields of Chronon's confs that pick which days a backfill fills, and in which steps: a GroupBy's
 * {@code backfillStartDate}, {@code historicalBackfill: false}, customJson's {@code --step-days} and a table's
 * sub-partition suffix. The visits table has one visit a day at noon, 2024-03-01 to 2024-03-05, of n = 1 to 5. The
 * hourly table has rows of an hour {@code hr}: n = 100 (hr 01:00) on 02-29, 1 (00:00) and 2 (01:00) on 03-01, 3
 * (01:00) on 03-02, 4 (00:00) on 03-03 and 5 (01:00) on 03-04, each at half past its hour; so only 03-01 and 03-03
 * have rows of hr 00:00.
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
    sql("CREATE TABLE lake.cf.hourly (host STRING, n BIGINT, hr STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.cf.hourly VALUES "
        + "('h', 100, '01:00', " + millis("2024-02-29T01:30:00Z") + ", '2024-02-29'), "
        + "('h', 1, '00:00', " + millis("2024-03-01T00:30:00Z") + ", '2024-03-01'), "
        + "('h', 2, '01:00', " + millis("2024-03-01T01:30:00Z") + ", '2024-03-01'), "
        + "('h', 3, '01:00', " + millis("2024-03-02T01:30:00Z") + ", '2024-03-02'), "
        + "('h', 4, '00:00', " + millis("2024-03-03T00:30:00Z") + ", '2024-03-03'), "
        + "('h', 5, '01:00', " + millis("2024-03-04T01:30:00Z") + ", '2024-03-04')");
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

    assertThat(backfill.plan(new BackfillRange(day("2024-03-02"), Optional.empty(), 30)).fill().missing())
        .extracting(Day::toString).containsExactly("2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05");
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

    assertThat(backfill.plan(BackfillRange.all()).fill().missing()).extracting(Day::toString)
        .containsExactly("2024-03-05");
    assertThat(backfill.plan(new BackfillRange(Optional.empty(), day("2024-03-03"), 30)).fill().missing())
        .extracting(Day::toString).containsExactly("2024-03-03");
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
    backfill.run(backfill.plan(new BackfillRange(Optional.empty(), day("2024-03-04"), 30)), BackfillListener.NONE);

    assertThat(rows("SELECT * FROM lake.cf_out.cf_latest_total_v1")).containsExactly(List.of("h", 10L, "2024-03-04"));
  }

  @Test
  void daysOutsideTheLeftQuerysPartitionBoundsAreNothingToFill() {
    Loaded<Join> join = join(definitions, "bounded_visits.v1", """
        {"metaData": {"name": "test.bounded_visits.v1", "outputNamespace": "cf_out"},
         "left": {"events": {"table": "cf.visits", "query": {"selects": {"host": "host", "ts": "ts"},
                  "startPartition": "2024-03-03", "endPartition": "2024-03-04"}}},
         "joinParts": [{"groupBy": %s}]}
        """.formatted(GROUP_BY.formatted("bounded", "", "")));
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);

    // A scheduler's day before the left's first partition, or after its last: an empty plan that says why.
    JoinBackfillPlan before = backfill.plan(new BackfillRange(day("2024-03-01"), day("2024-03-02"), 30));
    assertThat(before.fill().steps()).isEmpty();
    assertThat(before.decisions()).containsExactly("nothing to fill: the last day asked for, 2024-03-02, is before "
        + "the left query's startPartition 2024-03-03");
    JoinBackfillPlan after = backfill.plan(new BackfillRange(day("2024-03-05"), Optional.empty(), 30));
    assertThat(after.fill().steps()).isEmpty();
    assertThat(after.decisions()).containsExactly("nothing to fill: the first day asked for, 2024-03-05, is after "
        + "the left query's endPartition 2024-03-04");
    assertThat(after.nothingToFill()).contains("the first day asked for, 2024-03-05, is after the left query's "
        + "endPartition 2024-03-04");
    assertThat(backfill.plan(new BackfillRange(day("2024-03-03"), day("2024-03-04"), 30)).nothingToFill()).isEmpty();
    assertThat(backfill.run(after, BackfillListener.NONE).steps()).isEmpty();
    assertThat(CATALOG.tableExists(new TableName("cf_out", "test_bounded_visits_v1"))).isFalse();
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

    assertThat(backfill.plan(BackfillRange.all()).fill().steps()).extracting(Day::texts).containsExactly(
        List.of("2024-03-01", "2024-03-02"), List.of("2024-03-03", "2024-03-04"), List.of("2024-03-05"));
    assertThat(backfill.plan(new BackfillRange(Optional.empty(), Optional.empty(), 3)).fill().steps())
        .extracting(Day::texts).containsExactly(
        List.of("2024-03-01", "2024-03-02", "2024-03-03"), List.of("2024-03-04", "2024-03-05"));
  }

  @Test
  void aLeftWithASubPartitionFillsOnlyTheDaysThatHaveItsRowsAndReadsThoseDaysWhole() {
    String json = """
        {"metaData": {"name": "test.%s.v1", "outputNamespace": "cf_out"},
         "left": {"events": {"table": "%s", "query": {"selects": {"host": "host", "hr": "hr", "ts": "ts"}}}},
         "joinParts": [{"groupBy": %s}]}
        """;
    Loaded<Join> hourly = join(definitions, "at_midnight.v1",
        json.formatted("at_midnight", "cf.hourly/hr=00:00", GROUP_BY.formatted("midnight", "", "")));
    Loaded<Join> whole = join(definitions, "every_hour.v1",
        json.formatted("every_hour", "cf.hourly", GROUP_BY.formatted("hourly", "", "")));
    JoinBackfill backfill = new JoinBackfill(CATALOG, hourly);

    JoinBackfillPlan plan = backfill.plan(BackfillRange.all());
    assertThat(plan.fill().missing()).extracting(Day::toString).containsExactly("2024-03-01", "2024-03-03");
    assertThat(plan.summary().source()).isEqualTo("partitions of cf.hourly/hr=00:00");
    assertThat(new JoinBackfill(CATALOG, whole).plan(BackfillRange.all()).fill().missing())
        .extracting(Day::toString)
        .containsExactly("2024-02-29", "2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04");
    backfill.run(plan, BackfillListener.NONE);
    // As in Chronon, the sub-partition picks days, not rows: 03-01 keeps its 01:00 row. Each row sees the visits
    // before its day's midnight: none on 03-01, 1 + 2 on 03-03.
    assertThat(rows("SELECT host, hr, cf_midnight_v1_n_sum, ds FROM lake.cf_out.test_at_midnight_v1 ORDER BY ds, hr"))
        .containsExactly(Arrays.asList("h", "00:00", null, "2024-03-01"), Arrays.asList("h", "01:00", null,
            "2024-03-01"), List.of("h", "00:00", 3L, "2024-03-03"));
  }

  @Test
  void aGroupBysSourceWithASubPartitionSpansTheDaysWithTheSubPartitionsRows() {
    Loaded<GroupBy> groupBy = loadGroupBy("hourly_total", "cf.hourly/hr=00:00");
    GroupByBackfill backfill = new GroupByBackfill(CATALOG, groupBy);

    assertThat(new GroupByBackfill(CATALOG, loadGroupBy("every_hour_total", "cf.hourly")).plan(BackfillRange.all())
        .fill().missing()).extracting(Day::toString)
        .containsExactly("2024-02-29", "2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04");
    backfill.run(backfill.plan(BackfillRange.all()), BackfillListener.NONE);
    // From the first to the last day with rows of hr 00:00, reading every row of the days from the first on (as
    // Chronon reads events from a source's first day present), so 02-29's 100 is not read: 1 + 2, + 3, + 4.
    assertThat(rows("SELECT * FROM lake.cf_out.cf_hourly_total_v1 ORDER BY ds")).containsExactly(
        List.of("h", 3L, "2024-03-01"), List.of("h", 6L, "2024-03-02"), List.of("h", 10L, "2024-03-03"));
  }

  @Test
  void aSubPartitionOfAColumnTheTableLacksIsRefusedBeforeAnythingIsWritten() {
    Loaded<Join> join = join(definitions, "no_hour.v1", """
        {"metaData": {"name": "test.no_hour.v1", "outputNamespace": "cf_out"},
         "left": {"events": {"table": "cf.visits/hr=00:00", "query": {"selects": {"host": "host", "ts": "ts"}}}},
         "joinParts": [{"groupBy": %s}]}
        """.formatted(GROUP_BY.formatted("unhoured", "", "")));

    assertThatThrownBy(() -> new JoinBackfill(CATALOG, join).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-112 " + join.file()
        + ": left.events.table: table cf.visits has no column hr, "
            + "which the sub-partition suffix /hr=00:00 names. Fix: name a column of cf.visits in the suffix, or "
            + "remove the suffix: each day with rows is then present");
    assertThat(CATALOG.tableExists(new TableName("cf_out", "test_no_hour_v1"))).isFalse();
  }

  /** A GroupBy summing n of {@code table} over all time, into cf_out. */
  private static Loaded<GroupBy> loadGroupBy(String name, String table) {
    try {
      return load("group_bys/cf/" + name + ".v1", GROUP_BY.formatted(name, "", "").replace("\"cf.visits\"",
          "\"" + table + "\""), DefinitionLoader::loadGroupBy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
