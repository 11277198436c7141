package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.rowsWithoutRowKey;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.validation.InvalidDefinitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GroupBy over a join source (chaining), in Chronon's compiled shape: the parent join {@code ch.orders.v1} gives each
 * order the user's total payments before it; the child GroupBy {@code ch.order_spend.v1} sums those totals per user;
 * the join {@code ch.checkout.v1} attaches the child to checkouts. Worked out by hand:
 * <pre>
 * payments: u1 10 at 11-01 08:00, u1 20 at 11-02 11:00, u2 7 at 11-02 14:00, u1 5 at 11-03 10:00
 * orders and the parent's value (payments strictly before the order):
 *   o1 u1 11-01 10:00 -> 10;  o2 u1 11-02 12:00 -> 30;  o3 u2 11-02 15:00 -> 7;  o4 u1 11-03 09:00 -> 30
 * child, per user at the end of each day (SUM of the parent's values):
 *   11-01 u1 10;  11-02 u1 40, u2 7;  11-03 u1 70, u2 7
 * checkouts, SNAPSHOT (the child as of the midnight their day starts):
 *   c3 u1 11-02 20:00 -> 10;  c1 u1 11-03 12:00 -> 40;  c2 u2 11-03 13:00 -> 7
 * </pre>
 * The parent is filled in two runs, so that the child first meets a parent table without it, then one without a day.
 */
class ChainingTest {
  private static final String PARENT = """
      {"metaData": {"name": "ch.orders.v1", "outputNamespace": "ch_out"},
       "left": {"events": {"table": "ch.orders",
                           "query": {"selects": {"user_id": "user_id", "order_id": "order_id"}, "timeColumn": "ts"}}},
       "rowIds": ["order_id"],
       "joinParts": [{"groupBy": {
         "metaData": {"name": "ch.paid.v1"},
         "sources": [{"events": {"table": "ch.payments",
                                 "query": {"selects": {"user_id": "user_id", "amount": "amount"}, "timeColumn": "ts"}}}],
         "keyColumns": ["user_id"], "accuracy": "TEMPORAL",
         "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}]}
      """;
  private static final String CHILD = """
      {"metaData": {"name": "ch.order_spend.v1", "outputNamespace": "ch_out"},
       "sources": [{"joinSource": {"join": %s,
                                   "query": {"selects": {"user_id": "user_id", "paid": "ch_paid_v1_amount_sum"},
                                             "timeColumn": "ts"}}}],
       "keyColumns": ["user_id"], "accuracy": "SNAPSHOT",
       "aggregations": [{"inputColumn": "paid", "operation": "SUM"}]}
      """.formatted(PARENT);
  private static final String CHECKOUTS = """
      {"metaData": {"name": "ch.checkout.v1", "outputNamespace": "ch_out"},
       "left": {"events": {"table": "ch.checkouts",
                           "query": {"selects": {"user_id": "user_id", "checkout_id": "checkout_id"},
                                     "timeColumn": "ts"}}},
       "rowIds": ["checkout_id"],
       "joinParts": [{"groupBy": %s}]}
      """.formatted(CHILD);

  /** The child's table, worked out above: per user at the end of each day, the SUM of the parent's values. */
  private static final List<List<Object>> CHILD_ROWS = List.of(
      List.<Object>of("u1", 10L, "2023-11-01"),
      List.<Object>of("u1", 40L, "2023-11-02"),
      List.<Object>of("u2", 7L, "2023-11-02"),
      List.<Object>of("u1", 70L, "2023-11-03"),
      List.<Object>of("u2", 7L, "2023-11-03"));

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.ch");
    sql("CREATE TABLE lake.ch.payments (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.ch.payments VALUES ('u1', 10, " + millis("2023-11-01T08:00:00Z") + ", '2023-11-01'), "
        + "('u1', 20, " + millis("2023-11-02T11:00:00Z") + ", '2023-11-02'), "
        + "('u2', 7, " + millis("2023-11-02T14:00:00Z") + ", '2023-11-02'), "
        + "('u1', 5, " + millis("2023-11-03T10:00:00Z") + ", '2023-11-03')");
    sql("CREATE TABLE lake.ch.orders (user_id STRING, order_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.ch.orders VALUES ('u1', 'o1', " + millis("2023-11-01T10:00:00Z") + ", '2023-11-01'), "
        + "('u1', 'o2', " + millis("2023-11-02T12:00:00Z") + ", '2023-11-02'), "
        + "('u2', 'o3', " + millis("2023-11-02T15:00:00Z") + ", '2023-11-02'), "
        + "('u1', 'o4', " + millis("2023-11-03T09:00:00Z") + ", '2023-11-03')");
    sql("CREATE TABLE lake.ch.checkouts (user_id STRING, checkout_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.ch.checkouts VALUES ('u1', 'c3', " + millis("2023-11-02T20:00:00Z") + ", '2023-11-02'), "
        + "('u1', 'c1', " + millis("2023-11-03T12:00:00Z") + ", '2023-11-03'), "
        + "('u2', 'c2', " + millis("2023-11-03T13:00:00Z") + ", '2023-11-03')");
  }

  @Test
  void aGroupByOverAJoinSourceReadsTheParentsTableOnceItHasTheDaysItReads() throws IOException {
    Loaded<Join> parent = DefinitionLoader.loadJoin(write("joins/ch/orders.v1", PARENT));
    Loaded<GroupBy> child = DefinitionLoader.loadGroupBy(write("group_bys/ch/order_spend.v1", CHILD));
    Loaded<Join> checkouts = DefinitionLoader.loadJoin(write("joins/ch/checkout.v1", CHECKOUTS));
    Path parentFile = definitions.resolve("joins/ch/orders.v1");

    // Before the parent has a table, the child names the parent and the command that fills it.
    assertThatThrownBy(() -> new JoinBackfill(CATALOG, checkouts).plan(BackfillRange.all()))
        .isInstanceOfSatisfying(TidemarkException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INPUTS_NOT_READY))
        .hasMessage("Inputs not ready:\n  TM-602 " + checkouts.file()
        + ": joinParts[0].groupBy.sources[0].joinSource: reads "
            + "the output of join ch.orders.v1, whose table ch_out.ch_orders_v1 does not exist yet. Fix: fill the "
            + "parent join first: tidemark backfill --conf " + parentFile);

    JoinBackfill parentUpToTheSecond = new JoinBackfill(CATALOG, parent);
    parentUpToTheSecond.run(parentUpToTheSecond.plan(new BackfillRange(Optional.empty(), day("2023-11-02"), 30)),
        BackfillListener.NONE);
    // The child's own table up to 11-03 reads the parent's 11-03, which the parent has not filled yet.
    assertThatThrownBy(() -> new GroupByBackfill(CATALOG, child)
        .plan(new BackfillRange(Optional.empty(), day("2023-11-03"), 30)))
        .isInstanceOfSatisfying(TidemarkException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INPUTS_NOT_READY))
        .hasMessage("Inputs not ready:\n  TM-602 " + child.file() + ": sources[0].joinSource: reads the output of join "
            + "ch.orders.v1, whose table ch_out.ch_orders_v1 lacks 1 day(s) of its left that this backfill reads: "
            + "2023-11-03. Fix: fill the parent join first: tidemark backfill --conf " + parentFile
            + " --start-ds 2023-11-03 --end-ds 2023-11-03");
    assertThat(CATALOG.tableExists(TableName.parse("ch_out.ch_order_spend_v1"))).isFalse();

    // The checkouts of 11-03 are SNAPSHOT: they read the child as of 11-03's midnight, so the parent's 11-02 is enough.
    JoinFixtures.backfill(checkouts);
    assertThat(rowsWithoutRowKey("SELECT user_id, checkout_id, ch_order_spend_v1_paid_sum, ds "
        + "FROM lake.ch_out.ch_checkout_v1 ORDER BY ds, checkout_id")).containsExactly(
            List.of("u1", "c3", 10L, "2023-11-02"),
            List.of("u1", "c1", 40L, "2023-11-03"),
            List.of("u2", "c2", 7L, "2023-11-03"));

    // A changed parent changes what the child reads: the join recomputes the child's columns, and only those.
    String changedParent = PARENT.replace("\"amount\": \"amount\"}, \"timeColumn\"",
        "\"amount\": \"amount\"}, \"wheres\": [\"amount > 5\"], \"timeColumn\"");
    assertThat(changedParent).isNotEqualTo(PARENT);
    Loaded<Join> changed = DefinitionLoader.loadJoin(write("joins/ch/checkout.v1",
        CHECKOUTS.replace(PARENT, changedParent)));
    JoinBackfillPlan evolution = new JoinBackfill(CATALOG, changed).plan(BackfillRange.all());
    assertThat(evolution.tableState()).isEqualTo(OutputTableState.EVOLVED);
    assertThat(evolution.decisions()).containsExactly("part ch_order_spend_v1 changed: only its columns are "
        + "recomputed, by rewriting those days (earlier snapshots keep the old values)");

    JoinFixtures.backfill(parent);
    GroupByBackfill childBackfill = new GroupByBackfill(CATALOG, child);
    childBackfill.run(childBackfill.plan(BackfillRange.all()), BackfillListener.NONE);
    assertThat(rows("SELECT * FROM lake.ch_out.ch_order_spend_v1 ORDER BY ds, user_id"))
        .containsExactlyElementsOf(CHILD_ROWS);
  }

  @Test
  void aParentsEarlierDaysAreNeededOnlyAsFarBackAsTheChildsWindowsReach() throws IOException {
    String parentJson = PARENT.replace("ch.orders.v1", "ch.orders.v2");
    Loaded<Join> parent = DefinitionLoader.loadJoin(write("joins/ch/orders.v2", parentJson));
    JoinBackfill fromTheSecond = new JoinBackfill(CATALOG, parent);
    fromTheSecond.run(fromTheSecond.plan(new BackfillRange(day("2023-11-02"), Optional.empty(), 30)),
        BackfillListener.NONE);
    String child = CHILD.replace(PARENT, parentJson);
    Loaded<GroupBy> allHistory = DefinitionLoader.loadGroupBy(write("group_bys/ch/all_spend.v1",
        child.replace("ch.order_spend.v1", "ch.all_spend.v1")));
    Loaded<GroupBy> lastDay = DefinitionLoader.loadGroupBy(write("group_bys/ch/day_spend.v1",
        child.replace("ch.order_spend.v1", "ch.day_spend.v1").replace("\"operation\": \"SUM\"}",
            "\"operation\": \"SUM\", \"windows\": [{\"length\": 1, \"timeUnit\": \"DAYS\"}]}")));
    BackfillRange third = new BackfillRange(day("2023-11-03"), day("2023-11-03"), 30);

    // An unwindowed SUM reads every earlier day, and the parent's table starts at 11-02.
    assertThatThrownBy(() -> new GroupByBackfill(CATALOG, allHistory).plan(third))
        .hasMessage("Inputs not ready:\n  TM-602 " + allHistory.file()
        + ": sources[0].joinSource: reads the output of join "
            + "ch.orders.v2, whose table ch_out.ch_orders_v2 lacks 1 day(s) of its left that this backfill reads: "
            + "2023-11-01. Fix: fill the parent join first: tidemark backfill --conf "
            + definitions.resolve("joins/ch/orders.v2") + " --start-ds 2023-11-01 --end-ds 2023-11-01");
    // A one-day window at the end of 11-03 reads 11-03 and, at most, 11-02.
    GroupByBackfill windowed = new GroupByBackfill(CATALOG, lastDay);
    windowed.run(windowed.plan(third), BackfillListener.NONE);
    // Only o4 (u1, 11-03 09:00, 30) is in the day's window; u2 has nothing in it, so no row.
    assertThat(rows("SELECT * FROM lake.ch_out.ch_day_spend_v1 ORDER BY ds, user_id")).containsExactly(
        List.of("u1", 30L, "2023-11-03"));
  }

  @Test
  void aValueOfTheParentsLeftThatIsNotADayIsTheParentsToRefuseNotADayTheChildWaitsFor() throws IOException {
    sql("CREATE TABLE lake.ch.orders_late (user_id STRING, order_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.ch.orders_late SELECT user_id, order_id, ts, ds FROM lake.ch.orders");
    String parentJson = PARENT.replace("ch.orders.v1", "ch.orders.v3")
        .replace("\"table\": \"ch.orders\",", "\"table\": \"ch.orders_late\",");
    assertThat(parentJson).contains("ch.orders_late");
    Loaded<Join> parent = DefinitionLoader.loadJoin(write("joins/ch/orders.v3", parentJson));
    JoinFixtures.backfill(parent);
    // After the parent is filled, an order lands under a day written another way.
    sql("INSERT INTO lake.ch.orders_late VALUES ('u2', 'o5', " + millis("2023-11-04T09:00:00Z") + ", '20231104')");
    Loaded<GroupBy> child = DefinitionLoader.loadGroupBy(write("group_bys/ch/late_spend.v1",
        CHILD.replace(PARENT, parentJson).replace("ch.order_spend.v1", "ch.late_spend.v1")));

    // The parent has every day of its left: the child is filled, with the values worked out by hand.
    GroupByBackfill childBackfill = new GroupByBackfill(CATALOG, child);
    childBackfill.run(childBackfill.plan(BackfillRange.all()), BackfillListener.NONE);
    assertThat(rows("SELECT * FROM lake.ch_out.ch_late_spend_v1 ORDER BY ds, user_id"))
        .containsExactlyElementsOf(CHILD_ROWS);
    // The parent's own next run names the value and its fix.
    assertThatThrownBy(() -> new JoinBackfill(CATALOG, parent).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-106 " + parent.file() + ": left.events.table: ch.orders_late has ds "
            + "values that are not days written yyyy-MM-dd, e.g. 20231104. Fix: write ds as yyyy-MM-dd (e.g. "
            + "2023-11-01); rewrite the table with a converted ds column, e.g. date_format(to_date(ds, "
            + "'yyyyMMdd'), 'yyyy-MM-dd')");
  }

  @Test
  void aDefinitionThatMustChangeIsReportedBeforeItsParentIsFilled() throws IOException {
    // Parents never filled, so their tables do not exist; the readers are wrong in ways no table shows.
    Loaded<Join> cumulative = DefinitionLoader.loadJoin(write("joins/ch/cumulative_checkout.v1", CHECKOUTS
        .replace("ch.orders.v1", "ch.never_filled.v1")
        .replace("\"ch.checkout.v1\"", "\"ch.cumulative_checkout.v1\"")
        .replace("\"table\": \"ch.checkouts\",", "\"table\": \"ch.checkouts\", \"isCumulative\": true,")));
    Loaded<GroupBy> nowhere = DefinitionLoader.loadGroupBy(write("group_bys/ch/spend_nowhere.v1", CHILD
        .replace("ch.orders.v1", "ch.never_filled.v1")
        .replace("{\"metaData\": {\"name\": \"ch.order_spend.v1\", \"outputNamespace\": \"ch_out\"},",
            "{\"metaData\": {\"name\": \"ch.spend_nowhere.v1\"},")));

    assertThatThrownBy(() -> new JoinBackfill(CATALOG, cumulative).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-106 " + cumulative.file()
        + ": left.events.isCumulative: a cumulative event "
            + "source cannot be the left side of a join (each partition repeats all history). Fix: use a table that "
            + "holds each day's rows in that day's partition");
    assertThatThrownBy(() -> new GroupByBackfill(CATALOG, nowhere).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-103 " + nowhere.file() + ": metaData.outputNamespace: is required to backfill "
            + "a GroupBy. Fix: name the namespace of its daily table, e.g. \"outputNamespace\": \"features\"");
    assertThat(CATALOG.tableExists(TableName.parse("ch_out.ch_never_filled_v1"))).isFalse();
    assertThat(CATALOG.tableExists(TableName.parse("ch_out.ch_cumulative_checkout_v1"))).isFalse();
  }

  private static Path write(String relative, String json) throws IOException {
    Path file = definitions.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return file;
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
