package io.tidemark.bench;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.EmbeddedCatalogConfig;
import io.tidemark.catalog.SparkSessions;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.DataCheckTiming;
import io.tidemark.engine.JoinBackfill;
import io.tidemark.online.jobs.consistency.ConsistencyCheck;
import io.tidemark.online.jobs.consistency.ConsistencyResult;
import io.tidemark.online.jobs.flatten.FlattenResult;
import io.tidemark.online.jobs.flatten.LogFlatten;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Times {@code log-flatten} over a raw request log written per the online contract, and a consistency run on one of
 * its days. The join has 25 features (six operations over four windows and the last five amounts) over 200,000
 * purchases of 10,000 users. Day 1 of the log holds the join's own backfilled values for {@code --consistency-rows}
 * requests, one in a hundred with a perturbed 30-day sum; days 2 and 3 fill the log up to {@code --records} with
 * random values. Half of day 2 and 3 is logged under schema version 1, which lacks the last five amounts.
 *
 * <pre>bench/run flatten [--records N] [--consistency-rows N] [--repeat N]</pre>
 */
public final class FlattenBenchmark {
  private static final String JOIN = "bench.flat.v1";
  private static final String V1 = "00000000000000b1";
  private static final String V2 = "00000000000000b2";
  private static final String[] DAYS = {"2023-12-01", "2023-12-02", "2023-12-03"};
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long FIRST_DAY = 1701388800000L;

  private FlattenBenchmark() {}

  public static void main(String[] args) throws Exception {
    long records = 1_000_000;
    int consistencyRows = 50_000;
    int repeat = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Long.parseLong(args[++i]);
        case "--consistency-rows" -> consistencyRows = Integer.parseInt(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]
            + "; use --records N, --consistency-rows N, --repeat N");
      }
    }
    Path directory = Path.of("bench", "work", "flatten").toAbsolutePath();
    deleteRecursively(directory);
    EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(directory.resolve("warehouse"));
    TidemarkCatalog catalog = new TidemarkCatalog(SparkSessions.create(config, "local[*]", Map.of()), config);
    try {
      run(catalog, directory, records, consistencyRows, repeat);
    } finally {
      catalog.spark().stop();
    }
  }

  private static void run(TidemarkCatalog catalog, Path directory, long records, int consistencyRows, int repeat)
      throws IOException {
    SparkSession spark = catalog.spark();
    System.out.printf(Locale.ROOT, "Tidemark log-flatten benchmark: %,d records over 3 days, 2 schema versions; "
        + "consistency over %,d logged rows%n", records, consistencyRows);
    Loaded<Join> join = prepareJoin(catalog, directory, consistencyRows);
    List<StructField> features = new ArrayList<>();
    for (StructField field : spark.table("lake.bench_flat.bench_flat_v1").schema().fields()) {
      if (field.name().startsWith("bench_flat_spend_v1_")) {
        features.add(field);
      }
    }
    Path online = directory.resolve("online");
    long bytes = writeRawLog(spark, online, features, records, consistencyRows);
    System.out.printf(Locale.ROOT, "Raw log: %,d bytes (%.1f MB), %d features%n", bytes, bytes / 1e6,
        features.size());

    long bestFlatten = Long.MAX_VALUE;
    FlattenResult flattened = null;
    for (int i = 0; i < repeat; i++) {
      spark.sql("DROP TABLE IF EXISTS lake.bench_flat.bench_flat_v1_logged");
      spark.sql("DROP TABLE IF EXISTS lake.bench_flat.bench_flat_v1_log_schemas");
      long start = System.nanoTime();
      LogFlatten flatten = new LogFlatten(catalog, join.definition(), online);
      flattened = flatten.run(flatten.plan(Optional.empty()), line -> { });
      bestFlatten = Math.min(bestFlatten, (System.nanoTime() - start) / 1_000_000);
    }
    System.out.println(flattened.summary());
    System.out.printf(Locale.ROOT, "log-flatten: %.2f s, %,.0f records/s, %.1f MB/s%n", bestFlatten / 1e3,
        flattened.records() / (bestFlatten / 1e3), bytes / 1e6 / (bestFlatten / 1e3));

    long bestConsistency = Long.MAX_VALUE;
    ConsistencyResult result = null;
    for (int i = 0; i < repeat; i++) {
      long start = System.nanoTime();
      ConsistencyCheck check = new ConsistencyCheck(catalog, join);
      result = check.run(check.plan(Day.parse(DAYS[0])), directory.resolve("consistency.html"), line -> { });
      bestConsistency = Math.min(bestConsistency, (System.nanoTime() - start) / 1_000_000);
    }
    System.out.println(result.summary());
    System.out.printf(Locale.ROOT, "consistency: %.2f s for %,d logged rows and %d features (%,.0f rows/s)%n",
        bestConsistency / 1e3, result.plan().loggedRows(), result.features().size(),
        result.plan().loggedRows() / (bestConsistency / 1e3));
  }

  /** The purchases, the day-1 requests and the join, backfilled once so day 1 can log its exact values. */
  private static Loaded<Join> prepareJoin(TidemarkCatalog catalog, Path directory, int consistencyRows)
      throws IOException {
    SparkSession spark = catalog.spark();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.bench_flat");
    spark.sql("CREATE TABLE lake.bench_flat.purchases USING iceberg PARTITIONED BY (ds) AS "
        + "SELECT user_id, amount, ts, date_format(timestamp_millis(ts), 'yyyy-MM-dd') AS ds FROM ("
        + "SELECT CAST(CAST(rand(1) * 10000 AS INT) AS STRING) AS user_id, round(rand(2) * 100, 2) AS amount, "
        + (FIRST_DAY - 30 * DAY_MILLIS) + " + CAST(rand(3) * " + (30 * DAY_MILLIS) + " AS BIGINT) AS ts "
        + "FROM range(200000))");
    spark.sql("CREATE TABLE lake.bench_flat.requests USING iceberg PARTITIONED BY (ds) AS "
        + "SELECT CAST(id AS STRING) AS request_id, CAST(CAST(rand(4) * 10000 AS INT) AS STRING) AS user_id, "
        + FIRST_DAY + " + CAST(rand(5) * " + DAY_MILLIS + " AS BIGINT) AS ts, '" + DAYS[0] + "' AS ds "
        + "FROM range(" + consistencyRows + ")");
    StringBuilder aggregations = new StringBuilder();
    for (String operation : List.of("SUM", "COUNT", "AVERAGE", "MIN", "MAX", "VARIANCE")) {
      aggregations.append("{\"inputColumn\": \"amount\", \"operation\": \"").append(operation).append("\", "
          + "\"windows\": [{\"length\": 1, \"timeUnit\": \"DAYS\"}, {\"length\": 3, \"timeUnit\": \"DAYS\"}, "
          + "{\"length\": 7, \"timeUnit\": \"DAYS\"}, {\"length\": 30, \"timeUnit\": \"DAYS\"}]}, ");
    }
    aggregations.append("{\"inputColumn\": \"amount\", \"operation\": \"LAST_K\", \"argMap\": {\"k\": \"5\"}}");
    Path file = directory.resolve("definitions/joins/bench/flat.v1");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        {"metaData": {"name": "%s", "outputNamespace": "bench_flat"},
         "left": {"events": {"table": "bench_flat.requests", "query": {"selects": {"request_id": "request_id",
                  "user_id": "user_id", "ts": "ts"}}}},
         "joinParts": [{"groupBy": {"metaData": {"name": "bench_flat.spend.v1"},
           "sources": [{"events": {"table": "bench_flat.purchases", "query": {"selects": {"user_id": "user_id",
             "amount": "amount"}}}}],
           "keyColumns": ["user_id"], "aggregations": [%s]}}],
         "rowIds": ["request_id"]}
        """.formatted(JOIN, aggregations));
    Loaded<Join> join = DefinitionLoader.loadJoin(file);
    JoinBackfill backfill = new JoinBackfill(catalog, join);
    backfill.run(backfill.plan(BackfillRange.all(), DataCheckTiming.WHILE_RUNNING), BackfillListener.NONE);
    return join;
  }

  /** Writes the schema files and the segments; returns the segments' bytes. */
  private static long writeRawLog(SparkSession spark, Path online, List<StructField> features, long records,
      int consistencyRows) throws IOException {
    Path folder = online.resolve("logs").resolve(JOIN);
    Files.createDirectories(folder.resolve("schemas"));
    String keys = "[{\"name\":\"user_id\",\"type\":\"string\"},{\"name\":\"request_id\",\"type\":\"string\"}]";
    Files.writeString(folder.resolve("schemas").resolve(V1 + ".json"), schema(V1, keys,
        features.subList(0, features.size() - 1), 1000));
    Files.writeString(folder.resolve("schemas").resolve(V2 + ".json"), schema(V2, keys, features, 2000));
    long bytes = 0;
    Path day1 = folder.resolve("ds=" + DAYS[0]).resolve(FIRST_DAY + "-1-0.jsonl");
    Files.createDirectories(day1.getParent());
    String query = "SELECT request_id, user_id, ts, " + String.join(", ", features.stream().map(StructField::name)
        .toList()) + " FROM lake.bench_flat.bench_flat_v1";
    try (BufferedWriter writer = Files.newBufferedWriter(day1, StandardCharsets.UTF_8)) {
      for (Row row : spark.sql(query).collectAsList()) {
        StringBuilder line = new StringBuilder(1200);
        long requestId = Long.parseLong(row.getString(0));
        line.append("{\"schema_hash\":\"").append(V2).append("\",\"ts\":").append(row.getLong(2))
            .append(",\"keys\":{\"user_id\":\"").append(row.getString(1)).append("\",\"request_id\":\"")
            .append(row.getString(0)).append("\"},\"values\":{");
        for (int f = 0; f < features.size(); f++) {
          Object value = row.get(3 + f);
          if (requestId % 100 == 0 && features.get(f).name().endsWith("_sum_30d") && value != null) {
            value = (Double) value * 1.01;
          }
          line.append(f == 0 ? "\"" : ",\"").append(features.get(f).name()).append("\":").append(json(value));
        }
        writer.write(line.append("}}\n").toString());
      }
    }
    bytes += Files.size(day1);
    Random random = new Random(42);
    long rest = records - consistencyRows;
    for (int d = 1; d < DAYS.length; d++) {
      long count = d == 1 ? rest / 2 : rest - rest / 2;
      Path segment = folder.resolve("ds=" + DAYS[d]).resolve((FIRST_DAY + d * DAY_MILLIS) + "-1-0.jsonl");
      Files.createDirectories(segment.getParent());
      try (BufferedWriter writer = Files.newBufferedWriter(segment, StandardCharsets.UTF_8)) {
        for (long r = 0; r < count; r++) {
          boolean version1 = r < count / 2;
          writer.write(randomRecord(random, features, version1 ? features.size() - 1 : features.size(),
              version1 ? V1 : V2, FIRST_DAY + d * DAY_MILLIS + random.nextInt((int) DAY_MILLIS), r));
        }
      }
      bytes += Files.size(segment);
    }
    return bytes;
  }

  private static String randomRecord(Random random, List<StructField> features, int logged, String hash, long ts,
      long id) {
    StringBuilder line = new StringBuilder(1200);
    line.append("{\"schema_hash\":\"").append(hash).append("\",\"ts\":").append(ts)
        .append(",\"keys\":{\"user_id\":\"").append(random.nextInt(10000)).append("\",\"request_id\":\"r")
        .append(id).append("\"},\"values\":{");
    for (int f = 0; f < logged; f++) {
      StructField feature = features.get(f);
      line.append(f == 0 ? "\"" : ",\"").append(feature.name()).append("\":");
      if (feature.dataType() instanceof ArrayType) {
        line.append('[');
        for (int k = 0; k < 5; k++) {
          line.append(k == 0 ? "" : ",").append(random.nextInt(10000) / 100.0);
        }
        line.append(']');
      } else if (feature.name().contains("_count_")) {
        line.append(random.nextInt(50));
      } else {
        line.append(random.nextInt(1_000_000) / 100.0);
      }
    }
    return line.append("}}\n").toString();
  }

  private static String schema(String hash, String keys, List<StructField> values, long publishedAt) {
    StringBuilder fields = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      fields.append(i == 0 ? "" : ",").append("{\"name\":\"").append(values.get(i).name()).append("\",\"type\":\"")
          .append(values.get(i).dataType().catalogString()).append("\"}");
    }
    return "{\"join\":\"" + JOIN + "\",\"schema_hash\":\"" + hash + "\",\"keys\":" + keys + ",\"values\":" + fields
        + "],\"published_at\":" + publishedAt + "}";
  }

  private static String json(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      List<String> elements = new ArrayList<>();
      CollectionConverters.asJava(seq).forEach(element -> elements.add(json(element)));
      return "[" + String.join(",", elements) + "]";
    }
    return value.toString();
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
