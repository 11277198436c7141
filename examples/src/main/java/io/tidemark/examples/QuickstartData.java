package io.tidemark.examples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The quickstart's raw data: an online retailer's users (daily snapshots), purchases, returns and checkouts, as CSV
 * files with a {@code ds} column. The same seed always gives the same files, so the quickstart's output is
 * reproducible.
 *
 * <p>Events run from {@link #EVENTS_START} to {@link #END}; checkouts, the join's left side, start a month later so
 * that every checkout has a full 30-day window of history behind it.
 */
public final class QuickstartData {
  public static final LocalDate EVENTS_START = LocalDate.of(2023, 10, 1);
  public static final LocalDate CHECKOUTS_START = LocalDate.of(2023, 11, 1);
  public static final LocalDate END = LocalDate.of(2023, 11, 30);
  public static final long DEFAULT_SEED = 20231101L;

  private static final int USERS = 100;
  private static final long DAY_MILLIS = 86_400_000L;

  /** One generated table: its name in the catalog, its file, and the column types to import it with. */
  public record Table(String name, Path file, String schema) {}

  private QuickstartData() {}

  /** Writes the four tables' CSV files into {@code directory} and returns them in import order. */
  public static List<Table> generate(Path directory, long seed) {
    try {
      Files.createDirectories(directory);
      Random random = new Random(seed);
      LocalDate[] created = new LocalDate[USERS + 1];
      LocalDate[] verified = new LocalDate[USERS + 1];
      for (int user = 1; user <= USERS; user++) {
        created[user] = EVENTS_START.minusDays(150).plusDays(random.nextInt(170));
        verified[user] = random.nextInt(3) == 0 ? null : created[user].plusDays(random.nextInt(60));
      }
      List<Table> tables = new ArrayList<>();
      tables.add(users(directory.resolve("users.csv"), created, verified));
      List<long[]> purchases = new ArrayList<>();
      tables.add(purchases(directory.resolve("purchases.csv"), random, created, purchases));
      tables.add(returns(directory.resolve("returns.csv"), random, purchases));
      tables.add(checkouts(directory.resolve("checkouts.csv"), random, created));
      return List.copyOf(tables);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Table users(Path file, LocalDate[] created, LocalDate[] verified) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("user_id,account_created_ds,email_verified,ds\n");
      for (LocalDate day = EVENTS_START; !day.isAfter(END); day = day.plusDays(1)) {
        for (int user = 1; user <= USERS; user++) {
          if (!created[user].isAfter(day)) {
            int emailVerified = verified[user] != null && !verified[user].isAfter(day) ? 1 : 0;
            out.write(user + "," + created[user] + "," + emailVerified + "," + day + "\n");
          }
        }
      }
    }
    return new Table("data.users", file, "user_id STRING, account_created_ds STRING, email_verified INT, ds STRING");
  }

  /** Each user buys on about one day in five; {@code sink} collects (user, time, price) for the returns. */
  private static Table purchases(Path file, Random random, LocalDate[] created, List<long[]> sink) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("purchase_id,user_id,product_id,purchase_price,ts,ds\n");
      int id = 0;
      for (LocalDate day = EVENTS_START; !day.isAfter(END); day = day.plusDays(1)) {
        for (int user = 1; user <= USERS; user++) {
          if (created[user].isAfter(day) || random.nextInt(5) != 0) {
            continue;
          }
          int count = 1 + random.nextInt(2);
          for (int i = 0; i < count; i++) {
            long ts = timeOn(day, random);
            int price = 5 + random.nextInt(496);
            out.write(++id + "," + user + "," + (1 + random.nextInt(50)) + "," + price + "," + ts + "," + day + "\n");
            sink.add(new long[] {user, ts, price});
          }
        }
      }
    }
    return new Table("data.purchases", file,
        "purchase_id BIGINT, user_id STRING, product_id BIGINT, purchase_price BIGINT, ts BIGINT, ds STRING");
  }

  /** About one purchase in eight is returned one to ten days later, for part or all of its price. */
  private static Table returns(Path file, Random random, List<long[]> purchases) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("return_id,user_id,refund_amt,ts,ds\n");
      long endMillis = END.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      List<String> rows = new ArrayList<>();
      int id = 0;
      for (long[] purchase : purchases) {
        if (random.nextInt(8) != 0) {
          continue;
        }
        long ts = purchase[1] + (1 + random.nextInt(10)) * DAY_MILLIS + random.nextInt(3_600_000);
        if (ts >= endMillis) {
          continue;
        }
        long refund = random.nextInt(4) == 0 ? purchase[2] / 2 : purchase[2];
        rows.add(++id + "," + purchase[0] + "," + refund + "," + ts + "," + dayOf(ts) + "\n");
      }
      for (String row : rows) {
        out.write(row);
      }
    }
    return new Table("data.returns", file, "return_id BIGINT, user_id STRING, refund_amt BIGINT, ts BIGINT, ds STRING");
  }

  /** About fifty checkouts a day by users whose accounts exist. */
  private static Table checkouts(Path file, Random random, LocalDate[] created) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("checkout_id,user_id,ts,ds\n");
      int id = 0;
      for (LocalDate day = CHECKOUTS_START; !day.isAfter(END); day = day.plusDays(1)) {
        int count = 40 + random.nextInt(21);
        for (int i = 0; i < count; i++) {
          int user = 1 + random.nextInt(USERS);
          if (!created[user].isAfter(day)) {
            out.write(++id + "," + user + "," + timeOn(day, random) + "," + day + "\n");
          }
        }
      }
    }
    return new Table("data.checkouts", file, "checkout_id BIGINT, user_id STRING, ts BIGINT, ds STRING");
  }

  private static long timeOn(LocalDate day, Random random) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + (long) random.nextInt((int) DAY_MILLIS);
  }

  private static LocalDate dayOf(long millis) {
    return LocalDate.ofEpochDay(Math.floorDiv(millis, DAY_MILLIS));
  }
}
