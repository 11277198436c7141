package io.tidemark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.EmbeddedCatalogConfig;
import io.tidemark.catalog.SparkSessions;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.load.ImportRequest;
import io.tidemark.engine.load.TableImport;
import io.tidemark.examples.QuickstartData;
import io.tidemark.examples.QuickstartDefinitions;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.jobs.upload.GroupByUpload;
import io.tidemark.online.jobs.upload.JoinMetadataUpload;
import io.tidemark.online.jobs.upload.UploadResult;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.DurableFiles;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Join fetch latency of {@code tidemark serve} on the quickstart: uploads the three GroupBys for 2023-11-30 and the
 * metadata of training_set.v2, starts {@code serve} as a process of its own, then drives each rate for a fixed time
 * from this machine: requests are scheduled at the rate and sent by a bounded pool of connections (so the load stays
 * closed-loop when the server falls behind). Latency is from sending to the full response; every request is logged
 * and fsynced before it is answered, so the log's batch sizes show how much group commit shares one fsync.
 *
 * <pre>bench/run fetch [--rates 200,1000] [--seconds 20] [--clients 64]</pre>
 */
public final class FetchBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOIN = "quickstart.training_set.v2";
  private static final long DEC_1 = 1_701_388_800_000L;
  private static final Pattern SERVING = Pattern.compile("Serving .* on http://127\\.0\\.0\\.1:(\\d+) .*");

  private FetchBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> rates = List.of(200, 1000);
    int seconds = 20;
    int clients = 64;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rates" -> rates = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]
            + "; use --rates R1,R2, --seconds N, --clients N");
      }
    }
    Path directory = Path.of("bench", "work", "fetch").toAbsolutePath();
    DurableFiles.deleteRecursively(directory);
    OnlineLayout layout = new OnlineLayout(directory.resolve("online"));
    upload(directory, layout);

    Process serve = startServe(layout);
    try {
      int port = awaitPort(serve);
      System.out.println("serve started on port " + port + " (a process of its own, no Spark)");
      Load load = new Load(URI.create("http://127.0.0.1:" + port), clients);
      load.run(200, 5, false);
      for (int rate : rates) {
        load.run(rate, seconds, true);
      }
      load.close();
    } finally {
      serve.toHandle().destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void upload(Path directory, OnlineLayout layout) throws Exception {
    EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(directory.resolve("warehouse"));
    TidemarkCatalog catalog = new TidemarkCatalog(SparkSessions.create(config, "local[*]", Map.of()), config);
    try {
      TableImport importer = new TableImport(catalog);
      for (QuickstartData.Table table : QuickstartData.generate(directory.resolve("data"),
          QuickstartData.DEFAULT_SEED)) {
        importer.run(new ImportRequest(TableName.parse(table.name()), table.file(), null, table.schema(), null));
      }
      Path definitions = directory.resolve("definitions");
      QuickstartDefinitions.writeTo(definitions);
      try (RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store())) {
        GroupByUpload upload = new GroupByUpload(catalog, store, new ServingMetadata(layout), line -> { },
            Optional.empty());
        for (String groupBy : List.of("purchases.v1", "returns.v1", "users.v1")) {
          UploadResult result = upload.run(
              DefinitionLoader.loadGroupBy(definitions.resolve("group_bys/quickstart/" + groupBy)), Day.parse("2023-11-30"));
          System.out.printf(Locale.ROOT, "uploaded %s: %d keys, %d bytes in %.1f s%n", result.groupBy(),
              result.keys(), result.bytes(), result.millis() / 1000.0);
        }
      }
      new JoinMetadataUpload(catalog, new ServingMetadata(layout))
          .run(DefinitionLoader.loadJoin(definitions.resolve(QuickstartDefinitions.ONLINE_JOIN)));
    } finally {
      catalog.spark().stop();
    }
  }

  private static Process startServe(OnlineLayout layout) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), "io.tidemark.cli.TidemarkCommand", "serve", "--port", "0",
        "--online-dir", layout.root().toString());
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static int awaitPort(Process serve) throws Exception {
    BufferedReader output = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      Matcher serving = SERVING.matcher(line);
      if (serving.matches()) {
        Thread drain = new Thread(() -> output.lines().forEach(rest -> { }), "serve-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(serving.group(1));
      }
    }
    throw new IllegalStateException("serve ended before it printed its address");
  }

  /** Drives the service at a fixed request rate with at most {@code clients} requests in flight. */
  private static final class Load implements AutoCloseable {
    private final URI base;
    private final int clients;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService pool;
    private final AtomicLong checkoutIds = new AtomicLong();

    Load(URI base, int clients) {
      this.base = base;
      this.clients = clients;
      this.pool = Executors.newFixedThreadPool(clients);
    }

    void run(int rate, int seconds, boolean report) throws Exception {
      JsonNode before = health();
      long total = (long) rate * seconds;
      long intervalNanos = 1_000_000_000L / rate;
      AtomicLong next = new AtomicLong();
      long start = System.nanoTime() + 50_000_000L;
      List<Future<long[]>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(pool.submit(() -> {
          List<Long> latencies = new ArrayList<>();
          long failed = 0;
          for (long ticket = next.getAndIncrement(); ticket < total; ticket = next.getAndIncrement()) {
            long due = start + ticket * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            if (fetch() == 200) {
              latencies.add(System.nanoTime() - sent);
            } else {
              failed++;
            }
          }
          long[] result = new long[latencies.size() + 1];
          result[0] = failed;
          for (int i = 0; i < latencies.size(); i++) {
            result[i + 1] = latencies.get(i);
          }
          return result;
        }));
      }
      List<Long> latencies = new ArrayList<>();
      long failed = 0;
      for (Future<long[]> worker : workers) {
        long[] result = worker.get();
        failed += result[0];
        for (int i = 1; i < result.length; i++) {
          latencies.add(result[i]);
        }
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      if (!report) {
        return;
      }
      JsonNode after = health();
      long records = after.get("records").asLong() - before.get("records").asLong();
      long batches = after.get("batches").asLong() - before.get("batches").asLong();
      latencies.sort(null);
      System.out.printf(Locale.ROOT, "target %d req/s for %d s: achieved %.0f req/s (%d ok, %d failed); latency p50 "
              + "%.2f ms, p99 %.2f ms, max %.2f ms; log: %d records in %d fsync batches (mean %.1f per batch, "
              + "largest so far %d)%n", rate, seconds, latencies.size() / elapsed, latencies.size(), failed,
          percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.get(latencies.size() - 1) / 1e6,
          records, batches, batches == 0 ? 0.0 : (double) records / batches, after.get("largest_batch").asLong());
    }

    private int fetch() {
      long id = checkoutIds.incrementAndGet();
      String body = "{\"keys\":{\"user_id\":\"" + (id % 100 + 1) + "\",\"checkout_id\":" + id + "},\"ts\":" + DEC_1
          + "}";
      try {
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/fetch/join/" + JOIN))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
      } catch (Exception e) {
        return -1;
      }
    }

    private JsonNode health() throws Exception {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/health")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body()).get("log");
    }

    private static double percentile(List<Long> sorted, double fraction) {
      int index = (int) Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1);
      return sorted.get(Math.max(0, index)) / 1e6;
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }
}
