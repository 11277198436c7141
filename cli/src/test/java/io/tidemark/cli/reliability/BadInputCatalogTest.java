package io.tidemark.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog of bad inputs: each wrong definition, missing table or column, type mismatch or odd data exits with
 * its code and a message that names the file, the field and the fix, and leaves every table of the catalog exactly
 * as it was (no table created, no commit anywhere). The README lists the same cases with their messages.
 */
class BadInputCatalogTest {
  private static final String NS = "bad_inputs";
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final TableStates STATES = new TableStates(CATALOG);
  private static final String JOIN = """
      {
        "metaData": {"name": "bad.training_set.v1", "outputNamespace": "bad_output"},
        "left": {"events": {"table": "bad_inputs.checkouts",
                            "query": {"selects": {"request_id": "request_id", "user_id": "user_id", "ts": "ts"},
                                      "timeColumn": "ts"}}},
        "rowIds": ["request_id"],
        "joinParts": [{"groupBy": {
          "metaData": {"name": "bad.purchases.v1"},
          "sources": [{"events": {"table": "bad_inputs.purchases",
                                  "query": {"selects": {"user_id": "user_id", "price": "price"}, "timeColumn": "ts"}}}],
          "keyColumns": ["user_id"],
          "aggregations": [{"inputColumn": "price", "operation": "SUM", "windows": [{"length": 3, "timeUnit": "DAYS"}]}]
        }}]
      }
      """;
  private static final String BOOTSTRAP = """
        "bootstrapParts": [{"table": "bad_inputs.bootstrap",
                            "query": {"selects": {"request_id": "request_id", "bad_purchases_v1_price_sum_3d": "v"}}}],
        "joinParts\"""";

  private static final String STAGING_QUERY = """
      {"metaData": {"name": "bad.daily_totals.v1", "outputNamespace": "bad_output"},
       "query": "SELECT user_id, sum(price) AS total, ds FROM bad_inputs.purchases WHERE ds = '{{ today }}'",
       "startPartition": "2023-11-01"}
      """;

  private static final String GROUP_BY = """
      {"metaData": {"name": "bad.checkout_counts.v1", "outputNamespace": "bad_output"},
       "sources": [{"events": {"table": "bad_inputs.checkouts_compact_ds",
                               "query": {"selects": {"user_id": "user_id", "request_id": "request_id"},
                                         "timeColumn": "ts"}}}],
       "keyColumns": ["user_id"],
       "aggregations": [{"inputColumn": "request_id", "operation": "COUNT"}]}
      """;

  @TempDir
  static Path directory;

  /** A wrong input: the definition text, the command's arguments after --conf, the exit code and message expected. */
  record Case(String name, String folder, UnaryOperator<String> edit, List<String> args, int exitCode,
      String message) {
    Case(String name, UnaryOperator<String> edit, List<String> args, int exitCode, String message) {
      this(name, "joins", edit, args, exitCode, message);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Case join(String name, String from, String to, int exitCode, String message) {
    return new Case(name, text -> replace(text, from, to), List.of(), exitCode, message);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("malformed JSON", text -> text.substring(0, 40), List.of(), 2,
            "Invalid definition:\n  TM-101 FILE: is not valid JSON: Unexpected end-of-input: was expecting closing "
            + "quote for a string value (line 2, column 39). Fix: correct the JSON syntax\n"),
        join("unknown operation", "\"SUM\"", "\"TOTAL\"", 2,
            "Invalid definition:\n  TM-107 FILE: joinParts[0].groupBy.aggregations[0].operation: unknown Operation "
            + "\"TOTAL\". Fix: use one of MIN, MAX, FIRST, LAST, UNIQUE_COUNT, APPROX_UNIQUE_COUNT, COUNT, "
            + "SUM, AVERAGE, VARIANCE, SKEW, KURTOSIS, APPROX_PERCENTILE, LAST_K, FIRST_K, TOP_K, BOTTOM_K, "
            + "HISTOGRAM, APPROX_HISTOGRAM_K, BOUNDED_UNIQUE_COUNT, or its thrift number (0-19)\n"),
        join("unknown time unit", "\"DAYS\"", "\"WEEKS\"", 2,
            "Invalid definition:\n  TM-107 FILE: joinParts[0].groupBy.aggregations[0].windows[0].timeUnit: unknown "
            + "TimeUnit \"WEEKS\". Fix: use one of HOURS, DAYS, or its thrift number (0-1)\n"),
        join("unknown accuracy", "\"keyColumns\"", "\"accuracy\": \"EXACT\", \"keyColumns\"", 2,
            "Invalid definition:\n  TM-107 FILE: joinParts[0].groupBy.accuracy: unknown Accuracy \"EXACT\". Fix: "
            + "use one of TEMPORAL, SNAPSHOT, or its thrift number (0-1)\n"),
        join("zero window", "\"length\": 3", "\"length\": 0", 2,
            "Invalid definition:\n  TM-106 FILE: joinParts[0].groupBy.aggregations[0].windows[0].length: must be "
            + "positive, got 0. Fix: use a length of 1 or more, or remove the window for an unwindowed "
            + "aggregation\n"),
        join("negative window", "\"length\": 3", "\"length\": -2", 2,
            "Invalid definition:\n  TM-106 FILE: joinParts[0].groupBy.aggregations[0].windows[0].length: must be "
            + "positive, got -2. Fix: use a length of 1 or more, or remove the window for an unwindowed "
            + "aggregation\n"),
        join("no keyColumns", "\"keyColumns\": [\"user_id\"],", "", 2,
            "Invalid definition:\n  TM-103 FILE: joinParts[0].groupBy.keyColumns: is required. Fix: list the key "
            + "columns, e.g. [\"user_id\"]\n"),
        join("an event part without aggregations",
            ",\n    \"aggregations\": [{\"inputColumn\": \"price\", \"operation\": \"SUM\", "
                + "\"windows\": [{\"length\": 3, \"timeUnit\": \"DAYS\"}]}]", "", 2,
            "Invalid definition:\n  TM-103 FILE: joinParts[0].groupBy.aggregations: is required for a GroupBy over "
            + "events. Fix: add aggregations, or read a daily snapshot table with an \"entities\" source to "
            + "pass columns through\n"),
        join("LAST_K without k", "\"operation\": \"SUM\"", "\"operation\": \"LAST_K\"", 2,
            "Invalid definition:\n  TM-106 FILE: joinParts[0].groupBy.aggregations[0].argMap: LAST_K needs "
            + "argMap.k. Fix: add \"argMap\": {\"k\": \"10\"}\n"),
        new Case("two parts whose columns collide", BadInputCatalogTest::twoEqualParts, List.of(), 2,
            "Invalid definition:\n  TM-115 FILE: joinParts[1]: writes column bad_purchases_v1_price_sum_3d, which "
            + "joinParts[0] writes too. Fix: set a different \"prefix\" on joinParts[1]\n"),
        join("missing outputNamespace", "\"outputNamespace\": \"bad_output\"", "\"team\": \"bad\"", 2,
            "Invalid definition:\n  TM-103 FILE: metaData.outputNamespace: is required for a join. Fix: name the "
            + "namespace that holds the join's tables, e.g. \"outputNamespace\": \"quickstart\"\n"),
        join("missing left table", "bad_inputs.checkouts\"", "bad_inputs.checkout\"", 2,
            "Invalid definition:\n  TM-111 FILE: left.events.table: table bad_inputs.checkout does not exist in "
            + "the embedded catalog 'lake' in WAREHOUSE. Fix: load it with: tidemark import --table "
            + "bad_inputs.checkout --file <csv|jsonl|parquet file>, or correct the name\n"),
        join("missing source table", "bad_inputs.purchases", "bad_inputs.purchase", 2,
            "Invalid definition:\n  TM-111 FILE: joinParts[0].groupBy.sources[0].events.table: table "
            + "bad_inputs.purchase does not exist in the embedded catalog 'lake' in WAREHOUSE. Fix: load it "
            + "with: tidemark import --table bad_inputs.purchase --file <csv|jsonl|parquet file>, or correct "
            + "the name\n"),
        join("a key missing on the left", "\"user_id\": \"user_id\", \"ts\"", "\"ts\"", 2,
            "Invalid definition:\n  TM-112 FILE: joinParts[0]: key user_id of bad.purchases.v1 is not selected by "
            + "the left source. Fix: select user_id on the left, or map a left column to it: \"keyMapping\": "
            + "{\"<left column>\": \"user_id\"}\n"),
        join("a key missing on the right", "{\"user_id\": \"user_id\", \"price\": \"price\"}",
            "{\"price\": \"price\"}", 2,
            "Invalid definition:\n  TM-112 FILE: joinParts[0].groupBy.sources[0].events.query.selects: does not "
            + "select key column user_id. Fix: add \"user_id\": \"<expression>\" to the selects\n"),
        join("a keyMapping to a missing column", "\"joinParts\": [{", "\"joinParts\": [{\"keyMapping\": {\"buyer\": "
            + "\"user_id\"}, ", 2,
            "Invalid definition:\n  TM-112 FILE: joinParts[0].keyMapping.buyer: maps the left column buyer, which "
            + "the left source does not select. Fix: select buyer on the left, or map a selected left column\n"),
        join("key columns of different types", "bad_inputs.checkouts\"", "bad_inputs.checkouts_numeric_users\"", 2,
            "Invalid definition:\n  TM-113 FILE: joinParts[0].groupBy.keyColumns: key user_id is string in "
            + "bad_inputs.purchases but user_id is bigint in bad_inputs.checkouts_numeric_users. Fix: make "
            + "the types equal in a select, e.g. \"user_id\": \"CAST(user_id AS BIGINT)\"\n"),
        join("a select of an unknown column", "\"price\": \"price\"}", "\"price\": \"amount\"}", 2,
            "Invalid definition:\n  TM-114 FILE: joinParts[0].groupBy.sources[0].events.query.selects.price: "
            + "column amount does not exist in bad_inputs.purchases. Fix: use columns of bad_inputs.purchases "
            + "(user_id, price, ts, ds)\n"),
        join("an aggregation of an unknown column", "\"inputColumn\": \"price\"", "\"inputColumn\": \"cost\"", 2,
            "Invalid definition:\n  TM-112 FILE: joinParts[0].groupBy.aggregations[0].inputColumn: cost is not "
            + "selected by sources[0]. Fix: add \"cost\" to sources[0].events.query.selects, or aggregate a "
            + "selected column\n"),
        join("a row id missing on the left", "\"rowIds\": [\"request_id\"]", "\"rowIds\": [\"checkout_id\"]", 2,
            "Invalid definition:\n  TM-112 FILE: rowIds[0]: checkout_id is not selected by the left source. Fix: "
            + "add \"checkout_id\" to left.events.query.selects, or remove it from rowIds\n"),
        // Row ids are checked by the job that counts coverage, so the run has printed its plan when it stops.
        join("duplicate row ids on the left", "bad_inputs.checkouts\"", "bad_inputs.checkouts_duplicate_ids\"", 2,
            "Join bad.training_set.v1 -> bad_output.bad_training_set_v1 (new table)\n"
            + "Days from: partitions of bad_inputs.checkouts_duplicate_ids, 2023-11-02..2023-11-02\n"
            + "To fill: 1 partition(s) in 1 step(s)\n"
            + "  step 1: 2023-11-02..2023-11-02 (1 partition(s))\n"
            + "  bad.purchases.v1: 1 column(s), SNAPSHOT aggregations of events\n"
            + "[step 1/1] 2023-11-02: computing 1 partition(s)...\n"
            + "Invalid definition:\n  TM-301 FILE: rowIds: the left source has rows that share their request_id "
            + "within a day: 2 rows with request_id=r1 on 2023-11-02. Fix: make rowIds identify one left row "
            + "per day: add columns to rowIds, or filter duplicates out in the left query\n"),
        join("a bootstrap table that does not exist", "\"joinParts\"",
            BOOTSTRAP.replace("bad_inputs.bootstrap", "bad_inputs.bootstrap_missing"), 2,
            "Invalid definition:\n  TM-111 FILE: bootstrapParts[0].table: table bad_inputs.bootstrap_missing does "
            + "not exist in the embedded catalog 'lake' in WAREHOUSE. Fix: load it with: tidemark import "
            + "--table bad_inputs.bootstrap_missing --file <csv|jsonl|parquet file>, or correct the name\n"),
        join("a bootstrap without the row ids", "\"joinParts\"",
            BOOTSTRAP.replace("\"request_id\": \"request_id\", ", ""), 2,
            "Invalid definition:\n  TM-112 FILE: bootstrapParts[0].keyColumns: key request_id is not a column of "
            + "bad_inputs.bootstrap. Fix: select request_id in bootstrapParts[0].query, or match on other "
            + "columns with keyColumns\n"),
        join("a bootstrap column of no part", "\"joinParts\"",
            BOOTSTRAP.replace("bad_purchases_v1_price_sum_3d", "bad_purchases_v1_price_sum_4d"), 2,
            "Invalid definition:\n  TM-112 FILE: bootstrapParts[0].query.selects.bad_purchases_v1_price_sum_4d: "
            + "bad_purchases_v1_price_sum_4d is not an output column of the join. Fix: select it under the "
            + "name of the output column it provides (output columns: bad_purchases_v1_price_sum_3d), or "
            + "leave it out\n"),
        join("a bootstrap column of the wrong type", "\"joinParts\"",
            BOOTSTRAP.replace("\"v\"", "\"label\""), 2,
            "Invalid definition:\n  TM-113 FILE: bootstrapParts[0].query.selects.bad_purchases_v1_price_sum_3d: "
            + "bad_purchases_v1_price_sum_3d is string in bad_inputs.bootstrap but the join's output column "
            + "is double. Fix: convert it in bootstrapParts[0].query.selects, e.g. "
            + "\"bad_purchases_v1_price_sum_3d\": \"CAST(bad_purchases_v1_price_sum_3d AS DOUBLE)\"\n"),
        join("duplicate row ids in a bootstrap table", "\"joinParts\"",
            BOOTSTRAP.replace("bad_inputs.bootstrap\"", "bad_inputs.bootstrap_duplicates\""), 2,
            "Join bad.training_set.v1 -> bad_output.bad_training_set_v1 (new table)\n"
            + "Days from: partitions of bad_inputs.checkouts, 2023-11-02..2023-11-02\n"
            + "To fill: 1 partition(s) in 1 step(s)\n"
            + "  step 1: 2023-11-02..2023-11-02 (1 partition(s))\n"
            + "  bad.purchases.v1: 1 column(s), SNAPSHOT aggregations of events\n"
            + "  bootstrap bad_inputs.bootstrap_duplicates: bad_purchases_v1_price_sum_3d\n"
            + "[step 1/1] 2023-11-02: computing 1 partition(s)...\n"
            + "Invalid definition:\n  TM-301 FILE: bootstrapParts[0]: bootstrap bad_inputs.bootstrap_duplicates has "
            + "rows that share their request_id within a day: 2 rows with request_id=r1 on 2023-11-02. Fix: "
            + "keep one row per key and day in the part, e.g. with a where in its query\n"),
        new Case("a range with no left partitions", text -> text, List.of("--start-ds", "2024-01-01", "--end-ds",
            "2024-01-31"), 3,
            "Inputs not ready:\n  TM-601 FILE: left.events.table: bad_inputs.checkouts has no partitions in "
            + "2024-01-01..2024-01-31 (it has 2023-11-02..2023-11-02). Fix: choose --start-ds and --end-ds "
            + "(or the left query's startPartition and endPartition) within its partitions, or wait for its "
            + "data to land\n"),
        join("a left table with no partitions", "bad_inputs.checkouts\"", "bad_inputs.checkouts_empty\"", 3,
            "Inputs not ready:\n  TM-601 FILE: left.events.table: bad_inputs.checkouts_empty has no partitions. "
            + "Fix: choose --start-ds and --end-ds (or the left query's startPartition and endPartition) "
            + "within its partitions, or wait for its data to land\n"),
        join("times in seconds", "bad_inputs.checkouts\"", "bad_inputs.checkouts_seconds\"", 2,
            "Invalid definition:\n  TM-304 FILE: left.events.query.timeColumn: the left's event times in "
            + "2023-11-02..2023-11-02 range from 1698919200 to 1698922800, which look like seconds since the "
            + "epoch: as milliseconds they fall on 1970-01-20..1970-01-20, as seconds on "
            + "2023-11-02..2023-11-02. Fix: give the time column in milliseconds since the epoch (for "
            + "seconds: \"timeColumn\": \"ts * 1000\"), or filter rows with bad times out with a where\n"),
        join("times after 2099", "bad_inputs.checkouts\"", "bad_inputs.checkouts_2150\"", 2,
            "Invalid definition:\n  TM-304 FILE: left.events.query.timeColumn: the left's event times in "
            + "2023-11-02..2023-11-02 range from 5680281600000 to 5680281600000 (2150-01-01..2150-01-01), "
            + "outside the years 1971..2099 that event times in milliseconds since the epoch fall in. Fix: "
            + "give the time column in milliseconds since the epoch (for seconds: \"timeColumn\": \"ts * "
            + "1000\"), or filter rows with bad times out with a where\n"),
        join("a left row without a time", "bad_inputs.checkouts\"", "bad_inputs.checkouts_null_times\"", 2,
            "Invalid definition:\n  TM-304 FILE: left.events.query.timeColumn: the left has 1 row(s) without an event "
            + "time in 2023-11-02..2023-11-02, which no window can place, e.g. (request_id=r2, user_id=u2, "
            + "ds=2023-11-02). Fix: give every left row a time, or leave rows without one out with the where "
            + "\"ts IS NOT NULL\"\n"),
        join("left rows that all lack a time", "bad_inputs.checkouts\"", "bad_inputs.checkouts_no_times\"", 2,
            "Invalid definition:\n  TM-304 FILE: left.events.query.timeColumn: the left has 2 row(s) without an event "
            + "time in 2023-11-02..2023-11-02, which no window can place, e.g. (request_id=r1, user_id=u1, "
            + "ds=2023-11-02), (request_id=r2, user_id=u2, ds=2023-11-02). Fix: give every left row a time, or "
            + "leave rows without one out with the where \"ts IS NOT NULL\"\n"),
        new Case("a left row without a time behind a where", text -> text
            .replace("bad_inputs.checkouts\"", "bad_inputs.checkouts_null_times\"")
            .replace("\"timeColumn\": \"ts\"}}}", "\"timeColumn\": \"ts\", \"wheres\": [\"user_id <> 'u9'\"]}}}"),
            List.of(), 2,
            "Invalid definition:\n  TM-304 FILE: left.events.query.timeColumn: the left has 1 row(s) without an event "
            + "time in 2023-11-02..2023-11-02, which no window can place, e.g. (request_id=r2, user_id=u2, "
            + "ds=2023-11-02). Fix: give every left row a time, or leave rows without one out with the where "
            + "\"ts IS NOT NULL\"\n"),
        join("a ds that is not yyyy-MM-dd", "bad_inputs.checkouts\"", "bad_inputs.checkouts_compact_ds\"", 2,
            "Invalid definition:\n  TM-106 FILE: left.events.table: bad_inputs.checkouts_compact_ds has ds values "
            + "that are not days written yyyy-MM-dd, e.g. 20231102. Fix: write ds as yyyy-MM-dd (e.g. "
            + "2023-11-01); rewrite the table with a converted ds column, e.g. date_format(to_date(ds, "
            + "'yyyyMMdd'), 'yyyy-MM-dd')\n"),
        join("a table column name that would escape quoting", "\"request_id\": \"request_id\", \"user_id\"",
            "\"request_id\": \"request_id\", \"a`b\": \"user_id\", \"user_id\"", 2,
            "Invalid definition:\n  TM-106 FILE: left.events.query.selects: the column name a`b holds a backtick, "
            + "a double quote or a control character, which could end its quotes in the SQL Tidemark "
            + "generates. Fix: use letters, digits and _ in column names\n"),
        join("label offsets that do not fit", "\"rowIds\"", "\"labelPart\": {\"labels\": [{\"groupBy\": {"
            + "\"metaData\": {\"name\": \"bad.refunds.v1\"}, \"sources\": [{\"events\": {\"table\": "
            + "\"bad_inputs.purchases\"}}], \"keyColumns\": [\"user_id\"], \"aggregations\": [{\"inputColumn\": "
            + "\"price\", \"operation\": \"SUM\", \"windows\": [{\"length\": 7, \"timeUnit\": \"DAYS\"}]}]}}], "
            + "\"leftStartOffset\": 3, \"leftEndOffset\": 5},\n  \"rowIds\"", 2,
            "Invalid definitions (2 problems):\n  TM-106 FILE: labelPart.leftStartOffset: 3 is less than "
            + "leftEndOffset 5, so no left day would be labeled. Fix: make leftStartOffset (the earliest left "
            + "day, counted back from label_ds) at least leftEndOffset (the latest)\n  TM-106 FILE: labelPart: "
            + "leftStartOffset 3 and leftEndOffset 5 must both equal the 7-day window of labelPart.labels[0] "
            + "(bad.refunds.v1). Fix: set \"leftStartOffset\": 7 and \"leftEndOffset\": 7, so that each "
            + "label_ds labels the one left day whose window has just closed\n"),
        new Case("a staging query with an unknown macro", "staging_queries", text -> STAGING_QUERY, List.of(), 2,
            "Invalid definition:\n  TM-106 FILE: query: has the unknown macro {{ today }}. Fix: use {{ start_date "
            + "}}, {{ end_date }}, {{ latest_date }} or {{ max_date(table=namespace.table) }}\n"),
        new Case("a GroupBy source whose ds is not yyyy-MM-dd", "group_bys", text -> GROUP_BY, List.of(), 2,
            "Invalid definition:\n  TM-106 FILE: sources[0].events.table: bad_inputs.checkouts_compact_ds has ds "
            + "values that are not days written yyyy-MM-dd, e.g. 20231102. Fix: write ds as yyyy-MM-dd (e.g. "
            + "2023-11-01); rewrite the table with a converted ds column, e.g. date_format(to_date(ds, "
            + "'yyyyMMdd'), 'yyyy-MM-dd')\n"),
        new Case("an invalid --start-ds", text -> text, List.of("--start-ds", "2023-11-31"), 2,
            "TM-201 Invalid day 2023-11-31: there is no such day (2023-11 has 30 days). Fix: give a day of the calendar, "
            + "e.g. --start-ds 2023-11-01\n"),
        new Case("--step-days 0", text -> text, List.of("--step-days", "0"), 2,
            "TM-201 --step-days 0 is not a number of days. Fix: pass 1 or more\n"));
  }

  @BeforeAll
  static void createTables() {
    sql("CREATE NAMESPACE IF NOT EXISTS " + NS);
    // 2023-11-02T10:00Z = 1698919200000, 11:00Z = 1698922800000
    checkouts("checkouts", "STRING", "('r1', 'u1', 1698919200000, '2023-11-02'), ('r2', 'u2', 1698922800000, "
        + "'2023-11-02')");
    checkouts("checkouts_numeric_users", "BIGINT", "('r1', 1, 1698919200000, '2023-11-02')");
    checkouts("checkouts_duplicate_ids", "STRING", "('r1', 'u1', 1698919200000, '2023-11-02'), ('r1', 'u2', "
        + "1698922800000, '2023-11-02')");
    checkouts("checkouts_seconds", "STRING", "('r1', 'u1', 1698919200, '2023-11-02'), ('r2', 'u2', 1698922800, "
        + "'2023-11-02')");
    // 5680281600000 is 2150-01-01T00:00Z
    checkouts("checkouts_2150", "STRING", "('r1', 'u1', 5680281600000, '2023-11-02')");
    checkouts("checkouts_null_times", "STRING", "('r1', 'u1', 1698919200000, '2023-11-02'), ('r2', 'u2', NULL, "
        + "'2023-11-02')");
    checkouts("checkouts_no_times", "STRING", "('r1', 'u1', NULL, '2023-11-02'), ('r2', 'u2', NULL, '2023-11-02')");
    checkouts("checkouts_null_keys", "STRING", "('r1', 'u1', 1698919200000, '2023-11-02'), ('r2', NULL, "
        + "1698922800000, '2023-11-02')");
    checkouts("checkouts_compact_ds", "STRING", "('r1', 'u1', 1698919200000, '20231102')");
    checkouts("checkouts_empty", "STRING", "");
    sql("CREATE TABLE " + NS + ".purchases (user_id STRING, price DOUBLE, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO " + NS + ".purchases VALUES ('u1', 5.0, 1698829200000, '2023-11-01')");
    sql("CREATE TABLE " + NS + ".bootstrap (request_id STRING, v DOUBLE, label STRING, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO " + NS + ".bootstrap VALUES ('r1', 1.5, 'x', '2023-11-02')");
    sql("CREATE TABLE " + NS + ".bootstrap_duplicates (request_id STRING, v DOUBLE, label STRING, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO " + NS + ".bootstrap_duplicates VALUES ('r1', 1.5, 'x', '2023-11-02'), ('r1', 2.5, 'y', "
        + "'2023-11-02')");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadInputExitsWithItsMessageAndChangesNothing(Case input) {
    Path file = directory.resolve(input.folder() + "/bad/" + input.name().replaceAll("[^a-zA-Z0-9]+", "_"));
    write(file, input.edit().apply(JOIN));
    Map<String, String> before = catalogState();

    List<String> args = new ArrayList<>(List.of("backfill", "--conf", file.toString()));
    args.addAll(input.args());
    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    assertThat(run.err().replace(file.toString(), "FILE").replace(TidemarkProcess.sharedWarehouse().toString(), "WAREHOUSE"))
        .isEqualTo(input.message());
    assertThat(run.exitCode()).isEqualTo(input.exitCode());
    assertThat(catalogState()).as("every table and namespace of the catalog").isEqualTo(before);
  }

  /** Cases whose check a run folds into the job that counts coverage, so that it prints its plan first. */
  static Stream<Case> checkedWhileRunning() {
    return cases().filter(input -> input.message().contains("[step 1/1]"));
  }

  /** A dry run makes those checks while planning: the same message, before any plan, and nothing written. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("checkedWhileRunning")
  void aDryRunRefusesTheSameInputsBeforePrintingAPlan(Case input) {
    Path file = directory.resolve(input.folder() + "/bad-dry/" + input.name().replaceAll("[^a-zA-Z0-9]+", "_"));
    write(file, input.edit().apply(JOIN));
    Map<String, String> before = catalogState();

    List<String> args = new ArrayList<>(List.of("backfill", "--dry-run", "--conf", file.toString()));
    args.addAll(input.args());
    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    String message = input.message().substring(input.message().indexOf("Invalid definition:"));
    assertThat(run.err().replace(file.toString(), "FILE").replace(TidemarkProcess.sharedWarehouse().toString(), "WAREHOUSE"))
        .isEqualTo(message);
    assertThat(run.exitCode()).isEqualTo(input.exitCode());
    assertThat(catalogState()).as("every table and namespace of the catalog").isEqualTo(before);
  }

  @Test
  void rowsWithANullKeyAreKeptWithNullFeatures() {
    Path file = directory.resolve("joins/bad/null_keys");
    write(file, replace(replace(JOIN, "bad_inputs.checkouts\"", "bad_inputs.checkouts_null_keys\""),
        "\"outputNamespace\": \"bad_output\"", "\"outputNamespace\": \"bad_output_null_keys\""));

    CommandRun run = CommandRun.of("backfill", "--conf", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    // SNAPSHOT as of 2023-11-02T00:00: u1's purchase of 5.0 on 2023-11-01 is in its 3-day window; r2 has no key.
    assertThat(CATALOG.spark().sql("SELECT request_id, user_id, bad_purchases_v1_price_sum_3d FROM "
        + "bad_output_null_keys.bad_training_set_v1 ORDER BY request_id").collectAsList().toString())
        .isEqualTo("[[r1,u1,5.0], [r2,null,null]]");
  }

  @Test
  void aWarehouseThatCannotBeWrittenExitsOneAndSaysSo() throws IOException {
    Path file = Files.writeString(directory.resolve("not-a-folder"), "");

    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), "--warehouse", file.resolve("warehouse").toString(),
        "sql", "SHOW NAMESPACES");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output()).endsWith("Cannot create the warehouse folder " + file.resolve("warehouse") + ": Not a "
        + "directory. Fix: pass --warehouse with a folder you can write to");
  }

  /** Every namespace, and every table with the metadata file of its current commit. */
  private static Map<String, String> catalogState() {
    Map<String, String> state = new TreeMap<>(STATES.commitsOutside(""));
    for (Namespace namespace : ((SupportsNamespaces) CATALOG.icebergCatalog()).listNamespaces()) {
      state.put("namespace " + namespace, "");
    }
    return state;
  }

  private static void checkouts(String table, String userType, String values) {
    sql("CREATE TABLE " + NS + "." + table + " (request_id STRING, user_id " + userType + ", ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    if (!values.isEmpty()) {
      sql("INSERT INTO " + NS + "." + table + " VALUES " + values);
    }
  }

  private static void sql(String statement) {
    CATALOG.spark().sql(statement);
  }

  /** The join with its one part twice, without prefixes: both would write the same columns. */
  private static String twoEqualParts(String text) {
    int start = text.indexOf("\"joinParts\": [") + "\"joinParts\": [".length();
    int end = text.lastIndexOf(']');
    String part = text.substring(start, end);
    return text.substring(0, start) + part + ", " + part + text.substring(end);
  }

  private static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalArgumentException("The base join does not contain " + from);
    }
    return text.replace(from, to);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
