package io.tidemark.bench;

import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.EmbeddedCatalogConfig;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.SparkSessions;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.online.DurableFiles;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.jobs.upload.GroupByUpload;
import io.tidemark.online.jobs.upload.UploadResult;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tidemark upload} of one GroupBy with many keys: events over 7 days for {@code --keys} keys (two per key and
 * day), SUM, COUNT and LAST over 1 and 7 days, uploaded as of the last day. Times the upload (computing, encoding,
 * writing the store and publishing), best of {@code --repeat} runs, in Spark local mode on this machine, and prints the
 * best run's profile.
 *
 * <pre>bench/run upload [--keys 1000000] [--repeat 2]</pre>
 */
public final class UploadBenchmark {
  private static final Day DAY = Day.parse("2023-11-07");
  private static final String GROUP_BY = """
      {
        "metaData": {"name": "bench.upload.v1", "outputNamespace": "bench"},
        "keyColumns": ["user_id"],
        "sources": [{"events": {"table": "bench.upload_events",
          "query": {"selects": {"user_id": "user_id", "amount": "amount"}, "timeColumn": "ts"}}}],
        "aggregations": [
          {"inputColumn": "amount", "operation": "SUM", "windows": [{"length": 1, "timeUnit": "DAYS"},
            {"length": 7, "timeUnit": "DAYS"}]},
          {"inputColumn": "amount", "operation": "COUNT", "windows": [{"length": 7, "timeUnit": "DAYS"}]},
          {"inputColumn": "amount", "operation": "LAST", "windows": [{"length": 7, "timeUnit": "DAYS"}]}
        ]
      }
      """;

  private UploadBenchmark() {}

  public static void main(String[] args) throws Exception {
    long keys = 1_000_000;
    int repeat = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--keys" -> keys = Long.parseLong(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; use --keys N, --repeat N");
      }
    }
    Path directory = Path.of("bench", "work", "upload").toAbsolutePath();
    DurableFiles.deleteRecursively(directory);
    EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(directory.resolve("warehouse"));
    TidemarkCatalog catalog = new TidemarkCatalog(SparkSessions.create(config, "local[*]", Map.of()), config);
    try {
      catalog.spark().sql("CREATE NAMESPACE IF NOT EXISTS bench");
      // Two events per key and day over 2023-11-01 .. 2023-11-07, at spread times.
      catalog.spark().sql("CREATE TABLE bench.upload_events USING iceberg PARTITIONED BY (ds) AS "
          + "SELECT CAST(id % " + keys + " AS STRING) AS user_id, CAST(id % 997 AS DOUBLE) AS amount, "
          + "1698796800000 + CAST(id DIV " + keys + " AS BIGINT) * 43200000 + id % 43200000 AS ts, "
          + "date_format(timestamp_millis(1698796800000 + CAST(id DIV " + keys + " AS BIGINT) * 43200000), "
          + "'yyyy-MM-dd') AS ds FROM range(" + (14 * keys) + ")");
      Path definition = directory.resolve("group_bys/bench/upload.v1");
      Files.createDirectories(definition.getParent());
      Files.writeString(definition, GROUP_BY);
      OnlineLayout layout = new OnlineLayout(directory.resolve("online"));
      double best = Double.MAX_VALUE;
      RunProfile bestProfile = null;
      for (int run = 1; run <= repeat; run++) {
        RunProfile profile = RunProfile.start(catalog.spark().sparkContext());
        UploadResult result;
        try (RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store())) {
          GroupByUpload upload = new GroupByUpload(catalog, store, new ServingMetadata(layout), line -> { },
              Optional.empty());
          result = upload.run(DefinitionLoader.loadGroupBy(definition), DAY);
        } finally {
          profile.stop();
        }
        double seconds = result.millis() / 1000.0;
        if (seconds < best) {
          best = seconds;
          bestProfile = profile;
        }
        System.out.printf(Locale.ROOT, "run %d: %,d keys, %,d bytes in %.2f s (%,.0f keys/s)%n", run,
            result.keys(), result.bytes(), seconds, result.keys() / seconds);
      }
      System.out.printf(Locale.ROOT, "upload of %,d keys: best of %d %.2f s%n", keys, repeat, best);
      System.out.print(bestProfile.describe());
    } finally {
      catalog.spark().stop();
    }
  }
}
