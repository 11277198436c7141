package io.tidemark.cli.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.CoverageLedger.PartCoverage;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import io.tidemark.cli.reliability.QuickstartJoin;
import io.tidemark.cli.reliability.TidemarkProcess;
import io.tidemark.examples.QuickstartData;
import io.tidemark.examples.QuickstartDefinitions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's online loop end to end: upload the three GroupBys for 2023-11-30 and the metadata of
 * training_set.v2, then fetch at 2023-12-01T00:00Z in this JVM and from a served process, checked against a brute
 * force over the generated CSV files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnlineLoopTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long DAY = 86_400_000L;
  private static final long DEC_1 = 1_701_388_800_000L;
  private static final String JOIN = "quickstart.training_set.v2";
  private static final Pattern SERVING = Pattern.compile("Serving .* on http://127\\.0\\.0\\.1:(\\d+) .*");

  private Path workdir;
  private Path definitions;
  private Path data;

  @BeforeAll
  void uploadTheQuickstart(@TempDir Path folder) {
    workdir = folder;
    data = workdir.resolve("data");
    QuickstartData.generate(data, QuickstartData.DEFAULT_SEED);
    QuickstartJoin.importData(SharedSpark.catalog(), workdir.resolve("import"));
    definitions = workdir.resolve("definitions");
    QuickstartDefinitions.writeTo(definitions);
    Path online = workdir.resolve("online");
    for (String groupBy : List.of("purchases.v1", "returns.v1", "users.v1")) {
      CommandRun upload = CommandRun.of("upload", "--conf", definitions.resolve("group_bys/quickstart/" + groupBy)
          .toString(), "--ds", "2023-11-30", "--online-dir", online.toString());
      assertThat(upload.exitCode()).as(upload.err()).isZero();
      assertThat(upload.out()).as(upload.out()).matches("Uploaded quickstart\\." + Pattern.quote(groupBy)
          + " version 2023-11-30 to .*: [0-9,]+ keys, .* in .*\\.\\n");
    }
    CommandRun metadata = CommandRun.of("upload-metadata", "--conf",
        definitions.resolve(QuickstartDefinitions.ONLINE_JOIN).toString(), "--online-dir", online.toString());
    assertThat(metadata.exitCode()).as(metadata.err()).isZero();
    assertThat(metadata.out()).contains("Wrote the serving metadata of quickstart.training_set.v2 to ")
        .contains(": request fields user_id, checkout_id; 3 part(s), 22 value column(s).");
  }

  @Test
  void everyUploadedFileIsReadableByWhomTheUmaskLetsReadAnyNewFile() throws IOException {
    Set<PosixFilePermission> readers = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OTHERS_READ);
    Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.writeString(workdir.resolve("plain"), "x"));
    plain.retainAll(readers);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(workdir.resolve("online"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }

    // The versions' RocksDB files, the pointers to them and the join's serving metadata.
    assertThat(files).hasSizeGreaterThan(10);
    assertThat(files).allSatisfy(file -> {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      permissions.retainAll(readers);
      assertThat(permissions).as(file.toString()).isEqualTo(plain);
    });
  }

  @Test
  void joinFetchAtMidnightMatchesABruteForceOverTheCsvFilesAndIsLoggedOnce() throws IOException {
    Path online = copyOfOnline("in-process");
    CommandRun fetch = CommandRun.of("fetch", "--join", "quickstart/training_set.v2", "-k",
        "{\"user_id\":\"5\",\"checkout_id\":1042}", "--ts", "2023-12-01T00:00:00Z", "--online-dir", online.toString());

    assertThat(fetch.exitCode()).as(fetch.err()).isZero();
    JsonNode response = JSON.readTree(fetch.out());
    assertThat(response.get("ts").asLong()).isEqualTo(DEC_1);
    assertThat(response.get("versions")).isEqualTo(JSON.readTree("{\"quickstart.purchases.v1\":\"2023-11-30\","
        + "\"quickstart.returns.v1\":\"2023-11-30\",\"quickstart.users.v1\":\"2023-11-30\"}"));
    assertMatchesBruteForce(response.get("values"), "5");

    List<String> logged = logLines(online);
    assertThat(logged).hasSize(1);
    JsonNode record = JSON.readTree(logged.get(0));
    assertThat(record.get("ts").asLong()).isEqualTo(DEC_1);
    assertThat(record.get("keys")).isEqualTo(JSON.readTree("{\"user_id\":\"5\",\"checkout_id\":1042}"));
    assertThat(record.get("values")).isEqualTo(response.get("values"));
  }

  /**
   * Replayed fetches of 2023-11-28's checkouts, served from the 2023-11-25 upload, are stitched into training_set.v2 by
   * bootstrapFromLog; fetches at midnight after the 2023-11-30 upload agree with the offline computation until a
   * source changes.
   */
  @Test
  void loggedFetchesAreStitchedIntoTheV2JoinAndMeasuredAgainstTheBackfill() throws IOException {
    Path online = copyOfOnline("loop");
    String join = definitions.resolve(QuickstartDefinitions.ONLINE_JOIN).toString();
    for (String groupBy : List.of("purchases.v1", "returns.v1", "users.v1")) {
      assertThat(CommandRun.of("upload", "--conf", definitions.resolve("group_bys/quickstart/" + groupBy).toString(),
          "--ds", "2023-11-25", "--online-dir", online.toString()).exitCode()).isZero();
    }
    List<String[]> checkouts = csv(data.resolve("checkouts.csv")).stream()
        .filter(row -> row[3].equals("2023-11-28")).toList();
    Map<String, JsonNode> replayed = new LinkedHashMap<>();
    for (String[] checkout : checkouts.subList(0, 4)) {
      JsonNode response = fetch(online, "{\"user_id\":\"" + checkout[1] + "\",\"checkout_id\":" + checkout[0] + "}",
          checkout[2]);
      assertThat(response.get("versions").findValuesAsText("quickstart.purchases.v1")).containsExactly("2023-11-25");
      replayed.put(checkout[0], response.get("values"));
    }
    List<JsonNode> atMidnight = new ArrayList<>();
    for (String key : List.of("{\"user_id\":\"5\",\"checkout_id\":900001}",
        "{\"user_id\":\"5\",\"checkout_id\":900002}", "{\"user_id\":\"7\",\"checkout_id\":900003}")) {
      atMidnight.add(fetch(online, key, String.valueOf(DEC_1)).get("values"));
    }

    CommandRun flatten = CommandRun.of("log-flatten", "--conf", join, "--online-dir", online.toString());
    assertThat(flatten.exitCode()).as(flatten.err()).isZero();
    assertThat(flatten.out()).contains("Flattened 7 record(s) of 2 day(s)");
    CommandRun backfill = CommandRun.of("backfill", "--conf", join, "--start-ds", "2023-11-28", "--end-ds",
        "2023-11-28");
    assertThat(backfill.exitCode()).as(backfill.err()).isZero();

    String logLabel = "log quickstart.quickstart_training_set_v2_logged";
    PartCoverage stitched = new PartCoverage(checkouts.size() - 4, Map.of(logLabel, 4L));
    TableName v2 = TableName.parse("quickstart.quickstart_training_set_v2");
    CoverageLedger ledger =
        CoverageLedger.of(SharedSpark.catalog().loadTable(v2).orElseThrow().currentSnapshot()).orElseThrow();
    assertThat(ledger).isEqualTo(new CoverageLedger(checkouts.size(), Map.of(
        "quickstart_purchases_v1", stitched, "quickstart_returns_v1", stitched, "quickstart_users_v1", stitched)));
    for (Map.Entry<String, JsonNode> logged : replayed.entrySet()) {
      assertSameValues(outputRow(logged.getKey(), fieldNames(logged.getValue())), logged.getValue());
    }

    String consistency = consistency(join, online);
    assertThat(consistency).contains(": 22 features over 3 logged rows, 0 mismatches;");

    List<String> changed = List.of("sum_3d", "sum_14d", "sum_30d", "average_3d", "average_14d", "average_30d",
        "last10").stream().map(suffix -> "quickstart_purchases_v1_purchase_price_" + suffix).toList();
    long expected = atMidnight.subList(0, 2).stream()
        .mapToLong(values -> changed.stream().filter(column -> !values.get(column).isNull()).count()).sum();
    assertThat(expected).isPositive();
    TidemarkCatalog catalog = SharedSpark.catalog();
    String purchases = catalog.sqlName(TableName.parse("data.purchases"));
    long before = catalog.loadTable(TableName.parse("data.purchases")).orElseThrow().currentSnapshot().snapshotId();
    catalog.spark().sql("UPDATE " + purchases + " SET purchase_price = purchase_price * 2 WHERE user_id = '5'");
    try {
      assertThat(consistency(join, online)).contains(": 22 features over 3 logged rows, " + expected + " mismatches;");
    } finally {
      catalog.spark().sql("CALL " + catalog.config().name() + ".system.rollback_to_snapshot('data.purchases', "
          + before + ")");
    }
  }

  @Test
  void groupByFetchNeedsNoJoinAndIsNotLogged() throws IOException {
    Path online = copyOfOnline("group-by");
    CommandRun fetch = CommandRun.of("fetch", "--group-by", "quickstart.users.v1", "-k", "{\"user_id\":\"5\"}",
        "--ts", String.valueOf(DEC_1), "--online-dir", online.toString());

    assertThat(fetch.exitCode()).as(fetch.err()).isZero();
    String[] snapshot = csv(data.resolve("users.csv")).stream()
        .filter(row -> row[0].equals("5") && row[3].equals("2023-11-30")).findFirst().orElseThrow();
    assertThat(JSON.readTree(fetch.out()).get("values")).isEqualTo(JSON.readTree("{\"account_created_ds\":\""
        + snapshot[1] + "\",\"email_verified\":" + snapshot[2] + "}"));
    assertThat(logLines(online)).isEmpty();
  }

  @Test
  void badFetchArgumentsExitWithTwoAndSayTheFix() throws IOException {
    Path online = copyOfOnline("bad");
    CommandRun wrongType = CommandRun.of("fetch", "--join", JOIN, "-k", "{\"user_id\":5}", "--online-dir",
        online.toString());
    CommandRun unknown = CommandRun.of("fetch", "--join", "quickstart.training_set.v9", "-k", "{}", "--online-dir",
        online.toString());
    CommandRun badTime = CommandRun.of("fetch", "--join", JOIN, "-k", "{}", "--ts", "yesterday", "--online-dir",
        online.toString());

    assertThat(wrongType.exitCode()).isEqualTo(2);
    assertThat(wrongType.err()).isEqualTo("TM-215 Key \"user_id\" of join quickstart.training_set.v2 has type string, but "
        + "the request gave 5. Fix: give a JSON string, e.g. \"5\"\n");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("TM-215 Unknown join \"quickstart.training_set.v9\": its serving metadata was not "
        + "uploaded. Fix: run tidemark upload-metadata --conf <its definition>, or check the name (e.g. "
        + "quickstart.training_set.v2)\n");
    assertThat(badTime.exitCode()).isEqualTo(2);
    assertThat(badTime.err()).isEqualTo("TM-201 Invalid --ts 'yesterday'. Fix: give epoch milliseconds (1701388800000) or "
        + "an ISO time with its offset (2023-12-01T00:00:00Z)\n");
    assertThat(logLines(online)).isEmpty();
  }

  @Test
  void servedFetchesKeepEveryAcknowledgedRecordWhenTheServerIsKilled() throws Exception {
    Path online = copyOfOnline("killed");
    HttpClient client = HttpClient.newHttpClient();
    ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    try (TidemarkProcess serve = TidemarkProcess.start(Map.of(), "serve", "--port", "0", "--online-dir",
        online.toString())) {
      Matcher address = SERVING.matcher(serve.awaitLine(line -> SERVING.matcher(line).matches()));
      assertThat(address.matches()).isTrue();
      URI uri = URI.create("http://127.0.0.1:" + address.group(1) + "/v1/fetch/join/" + JOIN);
      AtomicLong nextId = new AtomicLong();
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread sender = new Thread(() -> {
          while (true) {
            long checkoutId = nextId.incrementAndGet();
            try {
              HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).POST(
                  HttpRequest.BodyPublishers.ofString("{\"keys\":{\"user_id\":\"" + (checkoutId % 50 + 1)
                      + "\",\"checkout_id\":" + checkoutId + "},\"ts\":" + DEC_1 + "}")).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 200) {
                acknowledged.add(checkoutId);
              }
            } catch (IOException | InterruptedException e) {
              return;
            }
          }
        });
        sender.start();
        senders.add(sender);
      }
      while (acknowledged.size() < 500) {
        Thread.sleep(5);
      }
      serve.kill();
      for (Thread sender : senders) {
        sender.join();
      }
    }

    Set<Long> logged = new HashSet<>();
    for (String line : logLines(online)) {
      JsonNode record;
      try {
        record = JSON.readTree(line);
      } catch (IOException torn) {
        continue;
      }
      assertThat(logged.add(record.get("keys").get("checkout_id").asLong())).as("logged once: %s", line).isTrue();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(500);
    assertThat(logged).containsAll(acknowledged);
  }

  /** A served process answers from a re-upload another process published, without a restart. */
  @Test
  void aRunningServeAnswersFromAnUploadOfAnotherProcess() throws Exception {
    Path online = copyOfOnline("reuploaded");
    String sum = "quickstart_purchases_v1_purchase_price_sum_30d";
    try (TidemarkProcess serve = TidemarkProcess.start(Map.of(), "serve", "--port", "0", "--online-dir",
        online.toString())) {
      Matcher address = SERVING.matcher(serve.awaitLine(line -> SERVING.matcher(line).matches()));
      assertThat(address.matches()).isTrue();
      URI uri = URI.create("http://127.0.0.1:" + address.group(1) + "/v1/fetch/join/" + JOIN);
      JsonNode before = served(uri);

      TidemarkCatalog catalog = SharedSpark.catalog();
      TableName purchases = TableName.parse("data.purchases");
      long snapshot = catalog.loadTable(purchases).orElseThrow().currentSnapshot().snapshotId();
      catalog.spark().sql("UPDATE " + catalog.sqlName(purchases)
          + " SET purchase_price = purchase_price * 2 WHERE user_id = '5'");
      try {
        CommandRun upload = CommandRun.of("upload", "--conf", definitions.resolve("group_bys/quickstart/purchases.v1")
            .toString(), "--ds", "2023-11-30", "--online-dir", online.toString());
        assertThat(upload.exitCode()).as(upload.err()).isZero();
      } finally {
        catalog.spark().sql("CALL " + catalog.config().name() + ".system.rollback_to_snapshot('data.purchases', "
            + snapshot + ")");
      }
      JsonNode after = served(uri);

      assertThat(before.get("values").get(sum).asLong()).isPositive();
      assertThat(after.get("values").get(sum).asLong()).isEqualTo(2 * before.get("values").get(sum).asLong());
      assertThat(after.get("versions")).isEqualTo(before.get("versions"));
    }
  }

  private static JsonNode served(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(
            HttpRequest.BodyPublishers.ofString("{\"keys\":{\"user_id\":\"5\",\"checkout_id\":1},\"ts\":" + DEC_1
                + "}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void sigtermDrainsTheLogAndExits() throws Exception {
    Path online = copyOfOnline("terminated");
    HttpClient client = HttpClient.newHttpClient();
    TidemarkProcess.Finished finished;
    try (TidemarkProcess serve = TidemarkProcess.start(Map.of(), "serve", "--port", "0", "--online-dir",
        online.toString())) {
      Matcher address = SERVING.matcher(serve.awaitLine(line -> SERVING.matcher(line).matches()));
      assertThat(address.matches()).isTrue();
      URI uri = URI.create("http://127.0.0.1:" + address.group(1) + "/v1/fetch/join/" + JOIN);
      for (int request = 1; request <= 20; request++) {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers
            .ofString("{\"keys\":{\"user_id\":\"7\",\"checkout_id\":" + request + "}}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
      serve.terminate();
      finished = serve.awaitExit();
    }

    assertThat(finished.output()).as("exit code %d", finished.exitCode())
        .contains("Stopping: finishing requests in flight and draining the request log")
        .containsPattern("Stopped\\. Logged 20 record\\(s\\) in [0-9]+ fsync batch\\(es\\); 0 refused\\.");
    assertThat(logLines(online)).hasSize(20);
  }

  private void assertMatchesBruteForce(JsonNode values, String user) throws IOException {
    List<String[]> purchases = csv(data.resolve("purchases.csv"));
    List<String[]> returns = csv(data.resolve("returns.csv"));
    ObjectNode expected = JSON.createObjectNode();
    windowed(expected, "quickstart_purchases_v1_purchase_price", purchases, user, 3, 4, 10);
    windowed(expected, "quickstart_returns_v1_refund_amt", returns, user, 2, 3, 2);
    String[] snapshot = csv(data.resolve("users.csv")).stream()
        .filter(row -> row[0].equals(user) && row[3].equals("2023-11-30")).findFirst().orElseThrow();
    expected.put("quickstart_users_v1_account_created_ds", snapshot[1]);
    expected.put("quickstart_users_v1_email_verified", Integer.parseInt(snapshot[2]));

    assertThat(fieldNames(values)).containsExactlyElementsOf(fieldNames(expected));
    for (String column : fieldNames(expected)) {
      if (column.contains("_average_") && !expected.get(column).isNull()) {
        assertThat(values.get(column).asDouble()).as(column).isCloseTo(expected.get(column).asDouble(), within(1e-9));
      } else {
        assertThat(values.get(column).toString()).as(column).isEqualTo(expected.get(column).toString());
      }
    }
    assertThat(expected.get("quickstart_purchases_v1_purchase_price_last10").isNull()).isFalse();
  }

  /** SUM, COUNT and AVERAGE over 3, 14 and 30 days before 2023-12-01T00:00Z, then the last k values. */
  private static void windowed(ObjectNode expected, String prefix, List<String[]> events, String user, int valueColumn,
      int timeColumn, int k) {
    for (String operation : List.of("sum", "count", "average")) {
      for (int days : List.of(3, 14, 30)) {
        long sum = 0;
        long count = 0;
        for (String[] event : events) {
          long time = Long.parseLong(event[timeColumn]);
          if (event[1].equals(user) && time >= DEC_1 - days * DAY && time < DEC_1) {
            sum += Long.parseLong(event[valueColumn]);
            count++;
          }
        }
        String column = prefix + "_" + operation + "_" + days + "d";
        if (count == 0) {
          expected.putNull(column);
        } else if (operation.equals("sum")) {
          expected.put(column, sum);
        } else if (operation.equals("count")) {
          expected.put(column, count);
        } else {
          expected.put(column, (double) sum / count);
        }
      }
    }
    List<String[]> past = events.stream()
        .filter(event -> event[1].equals(user) && Long.parseLong(event[timeColumn]) < DEC_1)
        .sorted(Comparator.comparingLong((String[] event) -> Long.parseLong(event[timeColumn])).reversed())
        .limit(k)
        .toList();
    if (past.isEmpty()) {
      expected.putNull(prefix + "_last" + k);
    } else {
      past.forEach(event -> expected.withArray(prefix + "_last" + k).add(Long.parseLong(event[valueColumn])));
    }
  }

  private JsonNode fetch(Path online, String keys, String ts) throws IOException {
    CommandRun fetch =
        CommandRun.of("fetch", "--join", JOIN, "-k", keys, "--ts", ts, "--online-dir", online.toString());
    assertThat(fetch.exitCode()).as(fetch.err()).isZero();
    return JSON.readTree(fetch.out());
  }

  private static String consistency(String join, Path online) {
    CommandRun run = CommandRun.of("consistency", "--conf", join, "--ds", "2023-12-01", "--report",
        online.resolve("report.html").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }

  /** The v2 join's row of a checkout, its columns as JSON (NULLs kept). */
  private static JsonNode outputRow(String checkoutId, List<String> columns) throws IOException {
    String row = SharedSpark.catalog().spark().sql("SELECT to_json(struct(" + String.join(", ", columns)
            + "), map('ignoreNullFields', 'false')) FROM " + SharedSpark.catalog().sqlName(
                TableName.parse("quickstart.quickstart_training_set_v2")) + " WHERE checkout_id = " + checkoutId)
        .as(Encoders.STRING()).collectAsList().get(0);
    return JSON.readTree(row);
  }

  /** Equal field by field, numbers by value (the table holds 12.0 where the response says 12). */
  private static void assertSameValues(JsonNode actual, JsonNode expected) {
    assertThat(fieldNames(actual)).isEqualTo(fieldNames(expected));
    for (String field : fieldNames(expected)) {
      JsonNode want = expected.get(field);
      JsonNode got = actual.get(field);
      if (want.isNumber()) {
        assertThat(got.asDouble()).as(field).isEqualTo(want.asDouble());
      } else if (want.isArray()) {
        assertThat(got.size()).as(field).isEqualTo(want.size());
        for (int i = 0; i < want.size(); i++) {
          assertThat(got.get(i).asDouble()).as(field + "[" + i + "]").isEqualTo(want.get(i).asDouble());
        }
      } else {
        assertThat(got).as(field).isEqualTo(want);
      }
    }
  }

  private Path copyOfOnline(String name) throws IOException {
    Path source = workdir.resolve("online");
    Path target = workdir.resolve("online-" + name);
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy);
        }
      }
    }
    return target;
  }

  private static List<String> logLines(Path online) throws IOException {
    Path logs = online.resolve("logs").resolve(JOIN);
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(logs)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".jsonl")).sorted().toList()) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static List<String[]> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
  }
}
