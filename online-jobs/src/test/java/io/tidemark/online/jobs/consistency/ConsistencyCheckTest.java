package io.tidemark.online.jobs.consistency;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.sql;
import static io.tidemark.online.jobs.RawLogFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.time.Day;
import io.tidemark.engine.JoinFixtures;
import io.tidemark.online.jobs.RawLogFixture;
import io.tidemark.online.jobs.flatten.LogFlatten;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consistency of a small join whose every value is worked out by hand. Purchases: u1 day 1 09:00 10.0, u1 day 2 09:00
 * 5.0, u2 day 1 10:00 7.0. Features as of the midnight before the request: spend's SUM and LAST_K(2) and visits'
 * COUNT.
 *
 * <pre>
 * logged on day 2 (equal to what the backfill computes)
 *   u1 12:00  10.0, [10.0], 1        u2 13:00  7.0, [7.0], 1
 * logged on day 3                                computed
 *   L1 r3 u1 08:00  15.0, [5.0, 10.0], 2          15.0, [5.0, 10.0], 2   all match
 *   L2 r4 u2 09:00  9.0, [7.0, 3.0], NULL         7.0, [7.0], 1          mismatch (SMAPE 0.25), mismatch (1 insertion), online NULL
 *   L3 r5 u3 10:00  0.0, NULL, NULL               NULL, NULL, NULL       offline NULL, both NULL, both NULL
 *   L4 r3 u1 08:00  15.000001, [5.0, 10.0], 2     as L1 (a retry)        match within tolerance, match, match
 * </pre>
 */
class ConsistencyCheckTest {
  static final String DAY2 = "2023-11-02";
  static final String DAY3 = "2023-11-03";
  static final String SUM = "ocons_spend_v1_amount_sum";
  static final String LAST2 = "ocons_spend_v1_amount_last2";
  static final String COUNT = "ocons_visits_v1_amount_count";
  static final String KEYS = "[{\"name\":\"user_id\",\"type\":\"string\"},{\"name\":\"request_id\",\"type\":\"string\"}]";

  @TempDir
  static Path definitions;

  @TempDir
  static Path online;

  static Loaded<Join> join;

  @BeforeAll
  static void flattenTheLog() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.ocons");
    sql("CREATE TABLE lake.ocons.purchases (user_id STRING, amount DOUBLE, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.ocons.purchases VALUES ('u1', 10.0, " + millis("2023-11-01T09:00:00Z") + ", '2023-11-01'), "
        + "('u1', 5.0, " + millis("2023-11-02T09:00:00Z") + ", '2023-11-02'), "
        + "('u2', 7.0, " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01')");
    sql("CREATE TABLE lake.ocons.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    join = JoinFixtures.join(definitions, "training.v1", """
        {"metaData": {"name": "ocons.training.v1", "outputNamespace": "ocons"},
         "left": {"events": {"table": "ocons.requests", "query": {"selects": {"request_id": "request_id",
                  "user_id": "user_id", "ts": "ts"}}}},
         "joinParts": [
           {"groupBy": {"metaData": {"name": "ocons.spend.v1"},
             "sources": [{"events": {"table": "ocons.purchases", "query": {"selects": {"user_id": "user_id",
               "amount": "amount"}}}}],
             "keyColumns": ["user_id"],
             "aggregations": [{"inputColumn": "amount", "operation": "SUM"},
                              {"inputColumn": "amount", "operation": "LAST_K", "argMap": {"k": "2"}}]}},
           {"groupBy": {"metaData": {"name": "ocons.visits.v1"},
             "sources": [{"events": {"table": "ocons.purchases", "query": {"selects": {"user_id": "user_id",
               "amount": "amount"}}}}],
             "keyColumns": ["user_id"],
             "aggregations": [{"inputColumn": "amount", "operation": "COUNT"}]}}],
         "rowIds": ["request_id"]}
        """);
    RawLogFixture log = new RawLogFixture(online, "ocons.training.v1");
    log.schema("3333333333333333", KEYS, "[{\"name\":\"" + SUM + "\",\"type\":\"double\"},{\"name\":\"" + LAST2
        + "\",\"type\":\"array<double>\"},{\"name\":\"" + COUNT + "\",\"type\":\"bigint\"}]", 1000);
    log.append(DAY2, "s1.jsonl",
        logged("r1", "u1", "2023-11-02T12:00:00Z", "10.0", "[10.0]", "1"),
        logged("r2", "u2", "2023-11-02T13:00:00Z", "7.0", "[7.0]", "1"));
    log.append(DAY3, "s1.jsonl",
        logged("r3", "u1", "2023-11-03T08:00:00Z", "15.0", "[5.0,10.0]", "2"),
        logged("r4", "u2", "2023-11-03T09:00:00Z", "9.0", "[7.0,3.0]", "null"),
        logged("r5", "u3", "2023-11-03T10:00:00Z", "0.0", "null", "null"),
        logged("r3", "u1", "2023-11-03T08:00:00Z", "15.000001", "[5.0,10.0]", "2"));
    LogFlatten flatten = new LogFlatten(CATALOG, join.definition(), online);
    flatten.run(flatten.plan(Optional.empty()), line -> { });
  }

  static String logged(String request, String user, String time, String sum, String last2, String count) {
    return record("3333333333333333", millis(time), "{\"user_id\":\"" + user + "\",\"request_id\":\"" + request
        + "\"}", "{\"" + SUM + "\":" + sum + ",\"" + LAST2 + "\":" + last2 + ",\"" + COUNT + "\":" + count + "}");
  }

  static ConsistencyResult check(String ds, Path report) {
    ConsistencyCheck check = new ConsistencyCheck(CATALOG, join);
    return check.run(check.plan(Day.parse(ds)), report, line -> { });
  }

  @Test
  void loggedValuesEqualToThePointInTimeValuesGiveNoMismatch(@TempDir Path reports) {
    ConsistencyResult result = check(DAY2, reports.resolve("day2.html"));

    assertThat(result.mismatches()).isZero();
    assertThat(result.features()).extracting(FeatureMetrics::feature).containsExactly(SUM, LAST2, COUNT);
    assertThat(result.features()).allSatisfy(feature -> {
      assertThat(feature.total()).isEqualTo(2);
      assertThat(feature.matches()).isEqualTo(2);
    });
    assertThat(result.summary()).isEqualTo("Consistency of ocons.training.v1 on 2023-11-02: 3 features over 2 logged "
        + "rows, 0 mismatches; metrics in ocons.ocons_training_v1_consistency, report " + reports.resolve("day2.html"));
  }

  @Test
  void theReportGetsThePermissionsTheUmaskGivesAnyNewFile(@TempDir Path reports) throws IOException {
    Path plain = Files.writeString(reports.resolve("plain"), "x");
    Path report = reports.resolve("day2.html");

    check(DAY2, report);

    assertThat(Files.getPosixFilePermissions(report)).isEqualTo(Files.getPosixFilePermissions(plain));
    assertThat(Files.list(reports).map(path -> path.getFileName().toString()))
        .containsExactlyInAnyOrder("plain", "day2.html");
  }

  @Test
  void differingLoggedValuesGiveTheHandWorkedCountsInTheTableAndTheReport(@TempDir Path reports) throws IOException {
    Path report = reports.resolve("day3.html");
    check(DAY3, report);
    ConsistencyResult result = check(DAY3, report);

    Map<String, FeatureMetrics> metrics = new LinkedHashMap<>();
    result.features().forEach(feature -> metrics.put(feature.feature(), feature));
    assertThat(result.mismatches()).isEqualTo(2);
    assertThat(metrics.get(SUM).smapeAverage().getAsDouble())
        .isCloseTo((0.25 + 2 * 0.000001 / 30.000001) / 3, within(1e-9));
    assertThat(metrics.get(COUNT).smapeAverage().getAsDouble()).isZero();
    assertThat(metrics.get(LAST2).editInsertAverage().getAsDouble()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(metrics.get(LAST2).editDeleteAverage().getAsDouble()).isZero();
    // The rerun replaced the day: one row per feature.
    assertThat(JoinFixtures.rows("SELECT feature, kind, total, matches, mismatches, both_null, online_null, "
        + "offline_null, length_mismatches FROM lake.ocons.ocons_training_v1_consistency WHERE ds = '" + DAY3
        + "' ORDER BY feature")).containsExactly(
        Arrays.asList(LAST2, "list", 4L, 2L, 1L, 1L, 0L, 0L, 1L),
        Arrays.asList(SUM, "number", 4L, 2L, 1L, 0L, 0L, 1L, null),
        Arrays.asList(COUNT, "number", 4L, 2L, 0L, 1L, 1L, 0L, null));

    String html = Files.readString(report);
    assertThat(charts(html, "outcomes")).containsExactly(
        Map.entry(SUM, List.of(2L, 1L, 0L, 0L, 1L)),
        Map.entry(LAST2, List.of(2L, 1L, 1L, 0L, 0L)),
        Map.entry(COUNT, List.of(2L, 0L, 1L, 1L, 0L)));
    List<String> bins = DifferenceHistogram.labels();
    List<Long> sumDifferences = new ArrayList<>();
    for (int bin = 0; bin < bins.size(); bin++) {
      sumDifferences.add(bin == DifferenceHistogram.zeroBin() ? 2L : bin == DifferenceHistogram.bin(2.0) ? 1L : 0L);
    }
    assertThat(charts(html, "differences")).containsExactly(Map.entry(SUM, sumDifferences),
        Map.entry(COUNT, bins.stream().map(bin -> bin.equals("|d| < 1e-6") ? 2L : 0L).toList()));
    assertThat(html).doesNotContain("http://", "https://").contains("<svg class=\"outcomes\"");
  }

  @Test
  void aDayWithoutLoggedRowsIsRefusedNamingTheDaysThereAre() {
    assertThatThrownBy(() -> new ConsistencyCheck(CATALOG, join).plan(Day.parse("2023-11-09")))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-214 Cannot check the consistency of ocons.training.v1 on 2023-11-09: "
            + "ocons.ocons_training_v1_logged has no rows of that day (its days: 2023-11-02, 2023-11-03). Fix: pick a "
            + "day the log table has, or run tidemark log-flatten --conf " + join.file() + " --ds 2023-11-09 if the "
            + "raw log has it.");
  }

  /** Each chart of a class in the report: its feature and the counts of its bars, in order. */
  static List<Map.Entry<String, List<Long>>> charts(String html, String chartClass) {
    List<Map.Entry<String, List<Long>>> charts = new ArrayList<>();
    Matcher chart = Pattern.compile("<svg class=\"" + chartClass + "\" data-feature=\"([^\"]+)\".*?</svg>")
        .matcher(html);
    while (chart.find()) {
      List<Long> counts = new ArrayList<>();
      Matcher bar = Pattern.compile("data-count=\"(\\d+)\"").matcher(chart.group());
      while (bar.find()) {
        counts.add(Long.parseLong(bar.group(1)));
      }
      charts.add(Map.entry(chart.group(1), counts));
    }
    return charts;
  }
}
