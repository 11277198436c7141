package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong definitions and arguments exit 2 with messages that name the file, the field and the fix; nothing changes. */
class BadInputTest {
  private static final String BAD_JOIN = """
      {
        "metaData": {"name": "bad.training_set.v1"},
        "left": {"events": {"table": "data.checkouts", "query": {"selects": {"ts": "ts"}, "timeColumn": "ts"}}},
        "joinParts": [{"groupBy": {
          "metaData": {"name": "bad.purchases.v1"},
          "sources": [{"events": {"table": "data.purchases",
                                  "query": {"selects": {"user_id": "user_id", "price": "price"}}}}],
          "keyColumns": ["user_id"],
          "aggregations": [
            {"inputColumn": "price", "operation": "TOTAL", "windows": [{"length": 3, "timeUnit": "DAYS"}]},
            {"inputColumn": "price", "operation": "SUM", "windows": [{"length": 0, "timeUnit": "DAYS"}]}
          ]}}]
      }
      """;

  @TempDir
  Path directory;

  @Test
  void aBadDefinitionExitsTwoListingEveryProblemAndCreatesNoTable() throws IOException {
    Path file = write("joins/bad/training_set.v1", BAD_JOIN);

    CommandRun run = CommandRun.of("backfill", "--conf", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("Invalid definitions (4 problems):\n"
        + "  TM-107 " + file + ": joinParts[0].groupBy.aggregations[0].operation: unknown Operation \"TOTAL\". Fix: use one "
        + "of MIN, MAX, FIRST, LAST, UNIQUE_COUNT, APPROX_UNIQUE_COUNT, COUNT, SUM, AVERAGE, VARIANCE, SKEW, KURTOSIS, "
        + "APPROX_PERCENTILE, LAST_K, FIRST_K, TOP_K, BOTTOM_K, HISTOGRAM, APPROX_HISTOGRAM_K, BOUNDED_UNIQUE_COUNT, "
        + "or its thrift number (0-19)\n"
        + "  TM-106 " + file + ": joinParts[0].groupBy.aggregations[1].windows[0].length: must be positive, got 0. Fix: use "
        + "a length of 1 or more, or remove the window for an unwindowed aggregation\n"
        + "  TM-103 " + file + ": metaData.outputNamespace: is required for a join. Fix: name the namespace that holds the "
        + "join's tables, e.g. \"outputNamespace\": \"quickstart\"\n"
        + "  TM-112 " + file + ": joinParts[0]: key user_id of bad.purchases.v1 is not selected by the left source. Fix: "
        + "select user_id on the left, or map a left column to it: \"keyMapping\": {\"<left column>\": \"user_id\"}\n");
    assertThat(SharedSpark.catalog().tableExists(new TableName("bad", "bad_training_set_v1"))).isFalse();
  }

  @Test
  void validateReportsEachFile() throws IOException {
    Path bad = write("joins/bad/training_set.v1", BAD_JOIN);
    Path good = write("group_bys/bad/purchases.v1", """
        {"metaData": {"name": "bad.purchases.v1"},
         "sources": [{"events": {"table": "data.purchases", "query": {"selects": {"user_id": "user_id", "p": "p"}}}}],
         "keyColumns": ["user_id"],
         "aggregations": [{"inputColumn": "p", "operation": "MIN"}]}
        """);

    CommandRun goodRun = CommandRun.of("validate", good.toString());
    assertThat(goodRun.exitCode()).isZero();
    assertThat(goodRun.out()).isEqualTo("ok: " + good + " (GroupBy bad.purchases.v1, 1 column(s))\n");

    CommandRun both = CommandRun.of("validate", good.toString(), bad.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).startsWith("Invalid definitions (4 problems):\n  TM-107 " + bad + ": ");
  }

  @Test
  void whatTheEngineDoesNotComputeIsRejectedByValidate() throws IOException {
    Path join = write("joins/bad/cumulative_left.v1", """
        {"metaData": {"name": "bad.cumulative_left.v1", "outputNamespace": "bad"},
         "left": {"events": {"table": "data.visits", "isCumulative": true, "query": {"selects": {"host": "host"}}}},
         "joinParts": [{"groupBy": {"metaData": {"name": "bad.visits.v1"},
           "sources": [{"events": {"table": "data.visits", "query": {"selects": {"host": "host"}}}}],
           "keyColumns": ["host"],
           "aggregations": [{"inputColumn": "host", "operation": "COUNT"}]}}]}
        """);

    CommandRun run = CommandRun.of("validate", join.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("Invalid definition:\n  TM-106 " + join + ": left.events.isCumulative: a cumulative event "
        + "source cannot be the left side of a join (each partition repeats all history). Fix: use a table that holds "
        + "each day's rows in that day's partition\n");
  }

  @Test
  void badArgumentsExitTwo() {
    CommandRun day = CommandRun.of("backfill", "--conf", "x", "--start-ds", "2023-13-01");
    assertThat(day.exitCode()).isEqualTo(2);
    assertThat(day.err()).isEqualTo("TM-201 Invalid day 2023-13-01: there is no such day (months run from 01 to 12). Fix: "
        + "give a day of the calendar, e.g. --start-ds 2023-11-01\n");

    CommandRun order = CommandRun.of("backfill", "--conf", "x", "--start-ds", "2023-11-05", "--end-ds", "2023-11-01");
    assertThat(order.exitCode()).isEqualTo(2);
    assertThat(order.err()).isEqualTo("TM-201 --start-ds 2023-11-05 is after --end-ds 2023-11-01. Fix: swap them\n");

    CommandRun unknown = CommandRun.of("backfil");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("Unmatched argument at index 0: 'backfil'");

    CommandRun table = CommandRun.of("import", "--table", "purchases", "--file", "x.csv");
    assertThat(table.exitCode()).isEqualTo(2);
    assertThat(table.err()).isEqualTo("TM-201 Invalid --table \"purchases\": it has no namespace. Fix: name it "
        + "namespace.table with letters, digits and _ only, e.g. --table data.purchases\n");

    CommandRun sql = CommandRun.of("sql", "SELEC 1");
    assertThat(sql.exitCode()).isEqualTo(2);
    assertThat(sql.err()).startsWith("TM-209 SQL error: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'");
  }

  private Path write(String relative, String text) throws IOException {
    Path file = directory.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }
}
