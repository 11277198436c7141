package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The quickstart end to end, with the training set checked row by row against a brute-force computation over the
 * generated CSV files (a plain scan of every event per row, independent of the engine).
 */
class QuickstartCommandTest {
  private static final long DAY = 86_400_000L;

  @TempDir
  Path workdir;

  @Test
  void quickstartBuildsTheTrainingSetAndItMatchesABruteForceComputation() throws IOException {
    CommandRun run = CommandRun.of("quickstart", "--workdir", workdir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String[]> checkouts = csv(workdir.resolve("data/checkouts.csv"));
    assertThat(run.out()).contains("Backfilled quickstart.training_set.v1: "
        + String.format("%,d", checkouts.size()) + " row(s) in 30 partition(s) of quickstart.quickstart_training_set_v1");
    assertThat(run.out()).contains("A few rows of quickstart.quickstart_training_set_v1:").contains("(5 rows)");

    List<String[]> purchases = csv(workdir.resolve("data/purchases.csv"));
    List<String[]> returns = csv(workdir.resolve("data/returns.csv"));
    Map<String, String> verifiedByUserAndDay = new HashMap<>();
    for (String[] user : csv(workdir.resolve("data/users.csv"))) {
      verifiedByUserAndDay.put(user[0] + "@" + user[3], user[2]);
    }
    List<Row> rows = SharedSpark.catalog().spark().sql("SELECT user_id, ts, "
        + "quickstart_purchases_v1_purchase_price_sum_14d, quickstart_purchases_v1_purchase_price_last10, "
        + "quickstart_returns_v1_refund_amt_count_30d, quickstart_returns_v1_refund_amt_average_3d, "
        + "quickstart_users_v1_email_verified, ds FROM quickstart.quickstart_training_set_v1").collectAsList();
    assertThat(rows).hasSize(checkouts.size());
    for (Row row : rows) {
      String user = row.getString(0);
      long ts = row.getLong(1);
      long midnight = Math.floorDiv(ts, DAY) * DAY;
      // purchases are SNAPSHOT: as of the midnight before the checkout.
      List<Long> pastPurchases = new ArrayList<>();
      long sum14d = 0;
      boolean any14d = false;
      for (String[] purchase : purchases) {
        long time = Long.parseLong(purchase[4]);
        if (purchase[1].equals(user) && time < midnight) {
          pastPurchases.add(time * 1000 + pastPurchases.size());
          if (time >= midnight - 14 * DAY) {
            sum14d += Long.parseLong(purchase[3]);
            any14d = true;
          }
        }
      }
      assertThat(row.isNullAt(2) ? null : row.getLong(2)).as("sum_14d of %s", row).isEqualTo(any14d ? sum14d : null);
      assertThat(row.isNullAt(3) ? null : CollectionConverters.asJava((Seq<?>) row.get(3)))
          .as("last10 of %s", row).isEqualTo(lastPrices(purchases, user, midnight, 10));
      // returns are TEMPORAL: exactly as of the checkout's millisecond.
      long count30d = 0;
      double sum3d = 0;
      long count3d = 0;
      for (String[] refund : returns) {
        long time = Long.parseLong(refund[3]);
        if (refund[1].equals(user) && time < ts) {
          count30d += time >= ts - 30 * DAY ? 1 : 0;
          if (time >= ts - 3 * DAY) {
            sum3d += Long.parseLong(refund[2]);
            count3d++;
          }
        }
      }
      assertThat(row.isNullAt(4) ? null : row.getLong(4)).as("count_30d of %s", row)
          .isEqualTo(count30d == 0 ? null : count30d);
      assertThat(row.isNullAt(5) ? null : row.getDouble(5)).as("average_3d of %s", row)
          .isEqualTo(count3d == 0 ? null : sum3d / count3d);
      // users: the snapshot of the day before the checkout.
      String previousDay = LocalDate.parse(row.getString(7)).minusDays(1).toString();
      String verified = verifiedByUserAndDay.get(user + "@" + previousDay);
      assertThat(row.isNullAt(6) ? null : String.valueOf(row.getInt(6))).as("email_verified of %s", row)
          .isEqualTo(verified);
    }

    CommandRun again = CommandRun.of("quickstart", "--workdir", workdir.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).startsWith("Nothing to do for quickstart.training_set.v1");
    CommandRun table = CommandRun.of("sql", "SELECT user_id, ds FROM quickstart.quickstart_training_set_v1 "
        + "WHERE ds = '2023-11-05' ORDER BY ts LIMIT 2");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).startsWith("user_id | ds\n").endsWith("(2 rows)\n");
  }

  @Test
  void sqlPrintsJsonLinesAndCsv() {
    CommandRun jsonl = CommandRun.of("sql", "SELECT 'a,b' AS s, CAST(NULL AS INT) AS n, array(1, 2) AS l",
        "--format", "jsonl");
    assertThat(jsonl.out()).isEqualTo("{\"s\":\"a,b\",\"n\":null,\"l\":[1,2]}\n");

    CommandRun csv = CommandRun.of("sql", "SELECT 'a,b' AS s, CAST(NULL AS INT) AS n, array(1, 2) AS l",
        "--format", "csv");
    assertThat(csv.out()).isEqualTo("s,n,l\n\"a,b\",,\"[1, 2]\"\n");
  }

  private static List<Long> lastPrices(List<String[]> purchases, String user, long before, int k) {
    List<String[]> matching = new ArrayList<>();
    for (String[] purchase : purchases) {
      if (purchase[1].equals(user) && Long.parseLong(purchase[4]) < before) {
        matching.add(purchase);
      }
    }
    if (matching.isEmpty()) {
      return null;
    }
    // Newest first; ties in time keep file order reversed, as events of one instant are added in scan order.
    matching.sort((a, b) -> Long.compare(Long.parseLong(b[4]), Long.parseLong(a[4])));
    List<Long> prices = new ArrayList<>();
    for (int i = 0; i < Math.min(k, matching.size()); i++) {
      prices.add(Long.parseLong(matching.get(i)[3]));
    }
    return prices;
  }

  private static List<String[]> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split(","));
    }
    return rows;
  }
}
