package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tidemark run over a parent join, a GroupBy over its output (a joinSource, with a daily table of its own) and a join
 * with that GroupBy as a part, all selected in one run before the parent has a table: the run fills the parent first.
 * Worked out by hand:
 * <pre>
 * payments: u1 10 at 11-01 08:00, u1 20 at 11-02 11:00, u2 7 at 11-02 14:00, u1 5 at 11-03 10:00
 * orders and the parent's value (payments strictly before the order):
 *   o1 u1 11-01 10:00 -> 10;  o2 u1 11-02 12:00 -> 30;  o3 u2 11-02 15:00 -> 7;  o4 u1 11-03 09:00 -> 30
 * the GroupBy, per user at the end of each day: 11-01 u1 10;  11-02 u1 40, u2 7;  11-03 u1 70, u2 7
 * checkouts, SNAPSHOT: c3 u1 11-02 20:00 -> 10;  c1 u1 11-03 12:00 -> 40;  c2 u2 11-03 13:00 -> 7
 * </pre>
 */
class RunChainingTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final String PARENT = """
      {"metaData": {"name": "rc.orders.v1", "outputNamespace": "rc_out"},
       "left": {"events": {"table": "rc.orders",
                           "query": {"selects": {"user_id": "user_id", "order_id": "order_id"}, "timeColumn": "ts"}}},
       "rowIds": ["order_id"],
       "joinParts": [{"groupBy": {
         "metaData": {"name": "rc.paid.v1"},
         "sources": [{"events": {"table": "rc.payments",
                                 "query": {"selects": {"user_id": "user_id", "amount": "amount"}, "timeColumn": "ts"}}}],
         "keyColumns": ["user_id"], "accuracy": "TEMPORAL",
         "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}]}
      """;
  private static final String CHILD = """
      {"metaData": {"name": "rc.order_spend.v1", "outputNamespace": "rc_out"},
       "sources": [{"joinSource": {"join": %s,
                                   "query": {"selects": {"user_id": "user_id", "paid": "rc_paid_v1_amount_sum"},
                                             "timeColumn": "ts"}}}],
       "keyColumns": ["user_id"], "accuracy": "SNAPSHOT",
       "aggregations": [{"inputColumn": "paid", "operation": "SUM"}]}
      """.formatted(PARENT);
  private static final String CHECKOUTS = """
      {"metaData": {"name": "rc.checkout.v1", "outputNamespace": "rc_out"},
       "left": {"events": {"table": "rc.checkouts",
                           "query": {"selects": {"user_id": "user_id", "checkout_id": "checkout_id"},
                                     "timeColumn": "ts"}}},
       "rowIds": ["checkout_id"],
       "joinParts": [{"groupBy": {"name": "rc.order_spend.v1"}}]}
      """;

  @TempDir
  static Path project;

  private static Path projectFile;

  @BeforeAll
  static void createProject() throws IOException {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.rc");
    sql("CREATE TABLE lake.rc.payments (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.rc.payments VALUES ('u1', 10, " + millis("2023-11-01T08:00:00Z") + ", '2023-11-01'), "
        + "('u1', 20, " + millis("2023-11-02T11:00:00Z") + ", '2023-11-02'), "
        + "('u2', 7, " + millis("2023-11-02T14:00:00Z") + ", '2023-11-02'), "
        + "('u1', 5, " + millis("2023-11-03T10:00:00Z") + ", '2023-11-03')");
    sql("CREATE TABLE lake.rc.orders (user_id STRING, order_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.rc.orders VALUES ('u1', 'o1', " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01'), "
        + "('u1', 'o2', " + millis("2023-11-02T12:00:00Z") + ", '2023-11-02'), "
        + "('u2', 'o3', " + millis("2023-11-02T15:00:00Z") + ", '2023-11-02'), "
        + "('u1', 'o4', " + millis("2023-11-03T09:00:00Z") + ", '2023-11-03')");
    sql("CREATE TABLE lake.rc.checkouts (user_id STRING, checkout_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.rc.checkouts VALUES ('u1', 'c3', " + millis("2023-11-02T20:00:00Z") + ", '2023-11-02'), "
        + "('u1', 'c1', " + millis("2023-11-03T12:00:00Z") + ", '2023-11-03'), "
        + "('u2', 'c2', " + millis("2023-11-03T13:00:00Z") + ", '2023-11-03')");
    // The selection lists the readers first: the run orders them after the parent all the same.
    write(project.resolve("production/joins/rc/checkout.v1"), CHECKOUTS);
    write(project.resolve("production/group_bys/rc/order_spend.v1"), CHILD);
    write(project.resolve("production/joins/rc/orders.v1"), PARENT);
    projectFile = write(project.resolve("tidemark.yaml"), "definitions: production\n");
  }

  @Test
  void oneRunFillsTheParentJoinBeforeWhatReadsItsOutput() {
    CommandRun run = CommandRun.of("run", "--project", projectFile.toString(), "--select", "rc.checkout.v1",
        "rc.order_spend.v1", "rc.orders.v1", "--start-ds", "2023-11-01", "--end-ds", "2023-11-03");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().indexOf("Backfilled rc.orders.v1")).isNotNegative()
        .isLessThan(run.out().indexOf("Backfilled rc.checkout.v1"))
        .isLessThan(run.out().indexOf("Backfilled rc.order_spend.v1"));
    assertThat(sql("SELECT checkout_id, rc_order_spend_v1_paid_sum, ds FROM rc_out.rc_checkout_v1 "
        + "ORDER BY ds, checkout_id")).isEqualTo("[[c3,10,2023-11-02], [c1,40,2023-11-03], [c2,7,2023-11-03]]");
    assertThat(sql("SELECT * FROM rc_out.rc_order_spend_v1 ORDER BY ds, user_id")).isEqualTo(
        "[[u1,10,2023-11-01], [u1,40,2023-11-02], [u2,7,2023-11-02], [u1,70,2023-11-03], [u2,7,2023-11-03]]");
  }

  private static long millis(String time) {
    return Instant.parse(time).toEpochMilli();
  }

  private static String sql(String statement) {
    return CATALOG.spark().sql(statement).collectAsList().toString();
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
