package io.tidemark.cli.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.cli.CommandRun;
import io.tidemark.cli.reliability.QuickstartJoin;
import io.tidemark.examples.QuickstartData;
import io.tidemark.examples.QuickstartDefinitions;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.store.KeyCodec;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tidemark on a real Spark standalone cluster ({@code deploy/local/start --cluster}): the packaged job jar submitted
 * with {@code deploy/local/submit} in client mode, its tasks in executor JVMs of their own, its catalog on Nessie and
 * its warehouse in the S3 emulator. The quickstart's data is uploaded to object storage and the local copies deleted
 * before anything is imported, so the executors can only read it from there. The quickstart join is built in two
 * runs (without the users part, then with it: a part-add, whose definitions the driver reads from object storage),
 * with an executor killed by SIGKILL while the first one computes, then labeled and maintained; Trino must read
 * exactly the rows of an embedded run of the same definitions in Spark local mode. Last, an upload whose executors'
 * files travel through object storage must store what an embedded upload stores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final String JOIN = "quickstart.quickstart_training_set_v1";
  private static final String USERS_PART = "    {\"groupBy\": {\"name\": \"quickstart.users.v1\"}}\n";
  private static final String LABEL_DS = "2023-11-30";
  private static final Duration SUBMIT_LIMIT = Duration.ofMinutes(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path scratch;

  private static LocalServers servers;
  private static Map<String, Long> checkoutsPerDay;
  private static List<QuickstartData.Table> tables;
  private static Path joinConf;
  private static String fullJoin;

  @BeforeAll
  static void startTheClusterAndPutTheDataInObjectStorage() throws IOException {
    servers = LocalServers.start(LocalServers.Mode.CLUSTER, scratch.resolve("run"), null);
    checkoutsPerDay = QuickstartCheckouts.perDay(Files.createDirectories(scratch.resolve("expected")));
    Path data = scratch.resolve("data");
    tables = QuickstartData.generate(data, QuickstartData.DEFAULT_SEED);
    try (S3FileIO s3 = objectStorage()) {
      for (QuickstartData.Table table : tables) {
        put(s3, dataLocation(table), Files.readAllBytes(table.file()));
      }
    }
    deleteRecursively(data);
    joinConf = QuickstartDefinitions.writeTo(scratch.resolve("production"));
    fullJoin = Files.readString(joinConf);
    String withoutUsers = fullJoin.replace("},\n" + USERS_PART, "}\n");
    assertThat(withoutUsers).as("the quickstart join without its users part").isNotEqualTo(fullJoin);
    Files.writeString(joinConf, withoutUsers);
  }

  @AfterAll
  static void stopServers() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  @Order(1)
  void importsReadTheirFilesFromObjectStorageOnTheExecutors() throws Exception {
    for (QuickstartData.Table table : tables) {
      String output = submit(List.of(), "import", "--table", table.name(), "--file", dataLocation(table),
          "--schema", table.schema());
      assertThat(output).contains("Imported ");
    }
    assertThat(servers.longs("SELECT count(*) FROM data.checkouts"))
        .containsExactly(QuickstartCheckouts.total(checkoutsPerDay));
  }

  @Test
  @Order(2)
  void aBackfillSurvivesAnExecutorKilledWhileItsTasksRun() throws Exception {
    int uiPort = LocalServers.freePort();
    Path log = scratch.resolve("killed-backfill.log");
    Process backfill = start(log, List.of("--spark-conf", "spark.ui.enabled=true", "--spark-conf",
        "spark.ui.port=" + uiPort), "backfill", "--conf", joinConf.toString(), "--step-days", "5");
    awaitLine(log, backfill, "\\[step 1/\\d+\\] .*: computing .*");
    String executor = killAnExecutorWithRunningTasks(uiPort, backfill);

    String output = finish(backfill, log);
    assertThat(output).contains("Lost executor " + executor);
    long total = QuickstartCheckouts.total(checkoutsPerDay);
    assertThat(servers.longs("SELECT count(*) FROM " + JOIN)).containsExactly(total);
    assertThat(servers.longs("SELECT count(DISTINCT tidemark_row_key) FROM " + JOIN)).containsExactly(total);
    assertThat(servers.longs("SELECT count(*) FROM " + JOIN + " GROUP BY ds ORDER BY ds"))
        .containsExactlyElementsOf(checkoutsPerDay.values());
  }

  @Test
  @Order(3)
  void aPartAddedLaterLabelsAndMaintenanceGiveTheEmbeddedRunsRows() throws Exception {
    Files.writeString(joinConf, fullJoin);
    String storedJoin = putDefinitions(joinConf.getParent().getParent().getParent());
    String output = submit(List.of(), "backfill", "--conf", storedJoin);
    assertThat(output).contains("Definitions: copied 6 files of s3://lake/definitions to ");
    submit(List.of(), "label", "--conf", storedJoin, "--label-ds", LABEL_DS);
    submit(List.of(), "maintain", "--conf", storedJoin);

    QuickstartJoin.importData(SharedSpark.catalog(), scratch.resolve("embedded-data"));
    embedded("backfill", "--conf", joinConf.toString());
    embedded("label", "--conf", joinConf.toString(), "--label-ds", LABEL_DS);
    for (String table : List.of(JOIN, JOIN + "_labeled", JOIN + "_labeled_latest")) {
      List<String> expected = withoutRunIds(EngineRows.fromJsonLines(embedded("sql", "SELECT * FROM " + table,
          "--format", "jsonl")));
      assertThat(expected).as(table).hasSize((int) QuickstartCheckouts.total(checkoutsPerDay));
      assertThat(withoutRunIds(servers.rows("SELECT * FROM " + table))).as(table).isEqualTo(expected);
    }
  }

  @Test
  @Order(4)
  void anUploadOnTheClusterStoresWhatAnEmbeddedUploadStores() throws IOException {
    Path groupBy = scratch.resolve("production/group_bys/quickstart/purchases.v1");
    Path clusterStore = scratch.resolve("online-cluster");
    Path embeddedStore = scratch.resolve("online-embedded");
    String uploaded = submit(List.of(), "upload", "--conf", groupBy.toString(), "--ds", LABEL_DS, "--online-dir",
        clusterStore.toString(), "--staging-dir", "s3://lake/staging");
    embedded("upload", "--conf", groupBy.toString(), "--ds", LABEL_DS, "--online-dir", embeddedStore.toString());

    assertThat(uploaded).contains("sorted file(s) by the executors");
    List<byte[]> keys;
    try (Stream<String> users = Files.lines(scratch.resolve("embedded-data/users.csv"))) {
      keys = users.skip(1).map(line -> line.substring(0, line.indexOf(','))).distinct()
          .map(user -> KeyCodec.encode(List.of(user))).toList();
    }
    List<String> fromCluster = storedValues(clusterStore, keys);
    assertThat(fromCluster).as("values of the users who purchased").anyMatch(value -> !value.isEmpty());
    assertThat(fromCluster).isEqualTo(storedValues(embeddedStore, keys));
    try (S3FileIO s3 = objectStorage()) {
      assertThat(s3.listPrefix("s3://lake/staging/")).as("the staging folder after the upload").isEmpty();
    }
  }

  /** The values version {@link #LABEL_DS} of the purchases GroupBy holds for {@code keys}, empty where none. */
  private static List<String> storedValues(Path onlineDir, List<byte[]> keys) {
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(new OnlineLayout(onlineDir).store())) {
      return store.read("quickstart.purchases.v1", LABEL_DS, keys).stream()
          .map(value -> value.map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(""))
          .toList();
    }
  }

  /**
   * The rows with the run ids taken out of their provenance: {@code computed <run id>} names the run that computed a
   * value, which differs between any two runs.
   */
  private static List<String> withoutRunIds(List<String> rows) {
    return rows.stream().map(row -> row.replaceAll("computed [^,}]+", "computed")).sorted().toList();
  }

  /** Waits until an executor of the backfill runs tasks, and kills it with SIGKILL; its id. */
  private static String killAnExecutorWithRunningTasks(int uiPort, Process backfill) throws InterruptedException {
    long deadline = System.nanoTime() + SUBMIT_LIMIT.toNanos();
    String base = "http://127.0.0.1:" + uiPort + "/api/v1/applications";
    while (System.nanoTime() < deadline && backfill.isAlive()) {
      Optional<String> app = get(base).filter(JsonNode::isArray).filter(apps -> !apps.isEmpty())
          .map(apps -> apps.get(0).get("id").asText());
      if (app.isPresent()) {
        for (JsonNode executor : get(base + "/" + app.get() + "/executors").orElse(JSON.createArrayNode())) {
          String id = executor.get("id").asText();
          if (!"driver".equals(id) && executor.get("activeTasks").asInt() > 0) {
            ProcessHandle process = executorProcess(id).orElseThrow(() -> new AssertionError("No JVM for executor "
                + id + " with the run folder in its command line"));
            process.destroyForcibly();
            return id;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("No executor ran tasks while the backfill ran");
  }

  private static Optional<ProcessHandle> executorProcess(String executorId) {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().map(line -> line.contains("CoarseGrainedExecutorBackend")
            && line.contains("-Dtidemark.run-dir=" + servers.runDir())
            && line.contains("--executor-id " + executorId + " ")).orElse(false))
        .findFirst();
  }

  private static Optional<JsonNode> get(String url) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Runs {@code deploy/local/submit} with these Spark settings and tidemark arguments to its end; its output. */
  private static String submit(List<String> sparkSettings, String... args) {
    Path log = scratch.resolve("submit-" + System.nanoTime() + ".log");
    return finish(start(log, sparkSettings, args), log);
  }

  /** Starts {@code deploy/local/submit}, its standard output and error going to {@code log}. */
  private static Process start(Path log, List<String> sparkSettings, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", repository().resolve("deploy/local/submit").toString(),
        "--run-dir", servers.runDir().toString()));
    command.addAll(sparkSettings);
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the submitted run to end, which must be with exit code 0; its output. */
  private static String finish(Process process, Path log) {
    try {
      if (!process.waitFor(SUBMIT_LIMIT.toMinutes(), TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("A submitted run did not end within " + SUBMIT_LIMIT + ":\n" + Files.readString(log));
      }
      String output = Files.readString(log);
      assertThat(process.exitValue()).as(output).isZero();
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a submitted run", e);
    }
  }

  /** Waits until the submitted run's output has a line matching {@code pattern}. */
  private static void awaitLine(Path log, Process process, String pattern) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SUBMIT_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readAllLines(log).stream().anyMatch(line -> line.matches(pattern))) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("The run ended before printing a line like " + pattern + ":\n"
            + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No line like " + pattern + " within " + SUBMIT_LIMIT + ":\n" + Files.readString(log));
  }

  /** Runs {@code tidemark args} in Spark local mode, in this JVM, on an embedded catalog; what it printed. */
  private static String embedded(String... args) {
    CommandRun run = CommandRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }

  private static S3FileIO objectStorage() throws IOException {
    S3FileIO s3 = new S3FileIO();
    s3.initialize(Map.of("s3.endpoint", s3Endpoint(), "s3.path-style-access", "true", "s3.access-key-id", "tidemark",
        "s3.secret-access-key", Files.readString(servers.runDir().resolve("secrets/s3-secret-key")).strip(),
        "client.region", "us-east-1"));
    return s3;
  }

  /** Copies the definitions folder to object storage, where the driver reads them; the join's location there. */
  private static String putDefinitions(Path root) throws IOException {
    try (S3FileIO s3 = objectStorage(); Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        put(s3, "s3://lake/definitions/" + root.relativize(file), Files.readAllBytes(file));
      }
    }
    return "s3://lake/definitions/" + root.relativize(joinConf);
  }

  private static String dataLocation(QuickstartData.Table table) {
    return "s3://lake/data/" + table.file().getFileName();
  }

  private static void put(S3FileIO s3, String location, byte[] bytes) throws IOException {
    try (OutputStream out = s3.newOutputFile(location).createOrOverwrite()) {
      out.write(bytes);
    }
  }

  private static String s3Endpoint() throws IOException {
    return Files.readAllLines(servers.runDir().resolve("trino/etc/catalog/lake.properties")).stream()
        .filter(line -> line.startsWith("s3.endpoint="))
        .map(line -> line.substring("s3.endpoint=".length()))
        .findFirst().orElseThrow();
  }

  private static Path repository() {
    return Path.of("..").toAbsolutePath().normalize();
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }
}
