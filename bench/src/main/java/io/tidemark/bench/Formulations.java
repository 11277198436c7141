package io.tidemark.bench;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Each formulation of the benchmark's features, run on the generated workload and writing its output (row_id and
 * the features, named as in {@link Workload#FEATURES}) to Parquet, or for Tidemark to an Iceberg table. Empty windows
 * give NULL everywhere, COUNT included, as in Tidemark.
 */
final class Formulations {
  private static final String OUTPUT = "bench_out.bench_features_v1";
  private static final String FEATURE_PREFIX = "bench_amounts_v1_amount_";
  /** The join's aggregations of the events' amounts: 9 columns. */
  static final String AGGREGATIONS = aggregations();

  private RunProfile lastProfile;
  private final TidemarkCatalog catalog;
  private final Path data;
  private final Path outputs;
  private final Path definitions;
  private volatile Statement running;

  Formulations(TidemarkCatalog catalog, Path directory) {
    this.catalog = catalog;
    this.data = directory.resolve("data");
    this.outputs = directory.resolve("outputs");
    this.definitions = directory.resolve("definitions");
  }

  Path data() {
    return data;
  }

  /** Loads the Parquet workload into the Iceberg tables Tidemark reads; not timed. */
  void loadIcebergTables() {
    SparkSession spark = catalog.spark();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.bench");
    for (String table : new String[] {"events", "queries"}) {
      spark.read().parquet(data.resolve(table).toString())
          .writeTo("lake.bench." + table).partitionedBy(col("ds")).createOrReplace();
    }
  }

  /** Runs one formulation; the caller times it. */
  void run(Formulation formulation) throws Exception {
    switch (formulation) {
      case TIDEMARK -> tidemark();
      case SPARK_RANGE_JOIN -> spark(formulation, rangeJoinSql("events", "queries"));
      case SPARK_WINDOW -> spark(formulation, windowSql("events", "queries"));
      case DUCKDB_BEST -> duckdb(formulation, duckdbBestSql());
      case DUCKDB_WINDOW -> duckdb(formulation, windowSql(parquet("events"), parquet("queries")));
      case FLOOR -> floor();
    }
  }

  /** The formulation's output as a Spark dataset of row_id and the features. */
  Dataset<Row> output(Formulation formulation) {
    if (formulation == Formulation.TIDEMARK) {
      List<Column> columns = new ArrayList<>();
      columns.add(col("row_id"));
      for (String[] feature : Workload.FEATURES) {
        columns.add(col(FEATURE_PREFIX + feature[0]).as(feature[0]));
      }
      return catalog.spark().table("lake." + OUTPUT).select(columns.toArray(Column[]::new));
    }
    return catalog.spark().read().parquet(outputs.resolve(formulation.name()).toString());
  }

  private void tidemark() throws IOException {
    Path join = writeJoin(definitions, "bench.features.v1", "");
    lastProfile = TimedBackfill.of(catalog, join, BackfillRange.all(), OUTPUT).profile();
  }

  /** Where the last run of Tidemark's formulation spent its time. */
  RunProfile lastProfile() {
    return lastProfile;
  }

  /**
   * Writes the benchmark's join, named {@code name} (output namespace bench_out), under {@code definitions}; {@code
   * extra} adds fields to it, e.g. {@code , "rowIds": [...]}. Returns the definition's file.
   */
  static Path writeJoin(Path definitions, String name, String extra) throws IOException {
    return writeJoin(definitions, name, "", extra);
  }

  /** Like {@link #writeJoin(Path, String, String)}, with {@code moreParts} after the amounts part. */
  static Path writeJoin(Path definitions, String name, String moreParts, String extra) throws IOException {
    String[] nameParts = name.split("\\.");
    Path join = definitions.resolve("joins/" + nameParts[0] + "/" + nameParts[1] + "." + nameParts[2]);
    Files.createDirectories(join.getParent());
    Files.writeString(join, """
        {"metaData": {"name": "%s", "outputNamespace": "bench_out"},
         "left": {"events": {"table": "bench.queries", "query": {"selects": {"row_id": "row_id", "key": "key"}}}},
         "joinParts": [{"groupBy": {
           "metaData": {"name": "bench.amounts.v1"},
           "sources": [{"events": {"table": "bench.events",
                                   "query": {"selects": {"key": "key", "amount": "amount"}}}}],
           "keyColumns": ["key"],
           "aggregations": [%s],
           "accuracy": "TEMPORAL"}}%s]%s}
        """.formatted(name, AGGREGATIONS, moreParts, extra));
    return join;
  }

  private static String aggregations() {
    StringJoiner aggregations = new StringJoiner(",\n");
    for (String operation : new String[] {"SUM", "COUNT"}) {
      aggregations.add("{\"inputColumn\": \"amount\", \"operation\": \"" + operation + "\", \"windows\": ["
          + "{\"length\": 1, \"timeUnit\": \"HOURS\"}, {\"length\": 1, \"timeUnit\": \"DAYS\"}, "
          + "{\"length\": 7, \"timeUnit\": \"DAYS\"}, {\"length\": 30, \"timeUnit\": \"DAYS\"}]}");
    }
    aggregations.add("{\"inputColumn\": \"amount\", \"operation\": \"MAX\", \"windows\": "
        + "[{\"length\": 7, \"timeUnit\": \"DAYS\"}]}");
    return aggregations.toString();
  }

  private void spark(Formulation formulation, String sql) {
    SparkSession spark = catalog.spark();
    spark.read().parquet(data.resolve("events").toString()).createOrReplaceTempView("events");
    spark.read().parquet(data.resolve("queries").toString()).createOrReplaceTempView("queries");
    spark.sql(sql).write().mode("overwrite").parquet(outputs.resolve(formulation.name()).toString());
  }

  /** Reads every column of both inputs and writes one row per query. */
  private void floor() {
    SparkSession spark = catalog.spark();
    Dataset<Row> events = spark.read().parquet(data.resolve("events").toString());
    Dataset<Row> total = events.agg(max(col("key").plus(col("ts")).plus(col("amount"))).as("checksum"));
    spark.read().parquet(data.resolve("queries").toString()).crossJoin(broadcast(total))
        .write().mode("overwrite").parquet(outputs.resolve(Formulation.FLOOR.name()).toString());
  }

  private void duckdb(Formulation formulation, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      running = statement;
      statement.execute("SET threads = 2");
      statement.execute("SET preserve_insertion_order = false");
      Path output = outputs.resolve(formulation.name());
      Files.createDirectories(output);
      statement.execute("COPY (" + sql + ") TO '" + output.resolve("part-0.parquet") + "' (FORMAT PARQUET)");
    } catch (IOException e) {
      throw new SQLException(e);
    } finally {
      running = null;
    }
  }

  /** Stops whatever is running: Spark's jobs, or DuckDB's statement. */
  void cancel() {
    catalog.spark().sparkContext().cancelAllJobs();
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException ignored) {
        // The statement ended on its own meanwhile.
      }
    }
  }

  private String parquet(String table) {
    return "read_parquet('" + data.resolve(table) + "/*.parquet')";
  }

  /**
   * One join of each query with its key's events of the last 30 days, then each feature as a conditional aggregate.
   */
  static String rangeJoinSql(String events, String queries) {
    StringJoiner select = new StringJoiner(",\n  ", "SELECT q.row_id,\n  ", "\n");
    for (String[] feature : Workload.FEATURES) {
      String inWindow = "CASE WHEN e.ts >= q.ts - " + feature[2] + " THEN e.amount END";
      String aggregate = switch (feature[1]) {
        case "COUNT" -> "NULLIF(COUNT(" + inWindow + "), 0)";
        default -> "CAST(" + feature[1] + "(" + inWindow + ") AS BIGINT)";
      };
      select.add(aggregate + " AS " + feature[0]);
    }
    return select + "FROM " + queries + " q LEFT JOIN " + events + " e ON e.key = q.key AND e.ts < q.ts "
        + "AND e.ts >= q.ts - 2592000000\nGROUP BY q.row_id";
  }

  /** Queries and events in one stream per key, each feature a window over the preceding events by time. */
  static String windowSql(String events, String queries) {
    StringJoiner select = new StringJoiner(",\n    ");
    for (String[] feature : Workload.FEATURES) {
      String window = feature[1] + "(amount) OVER (PARTITION BY key ORDER BY ts RANGE BETWEEN " + feature[2]
          + " PRECEDING AND 1 PRECEDING)";
      select.add((feature[1].equals("COUNT") ? "NULLIF(" + window + ", 0)" : "CAST(" + window + " AS BIGINT)")
          + " AS " + feature[0]);
    }
    return "SELECT * FROM (\n  SELECT row_id,\n    " + select + "\n  FROM (\n"
        + "    SELECT row_id, key, ts, CAST(NULL AS BIGINT) AS amount FROM " + queries + "\n"
        + "    UNION ALL SELECT CAST(NULL AS BIGINT) AS row_id, key, ts, amount FROM " + events + ")\n"
        + ") WHERE row_id IS NOT NULL";
  }

  /**
   * DuckDB's fastest formulation found: running sums per key (one row per key and instant), read with an ASOF join at
   * the query time and at each window's start; their differences are the sums and counts. MAX is not a difference
   * of running values, so it comes from a window over queries and events.
   */
  private String duckdbBestSql() {
    StringBuilder sql = new StringBuilder();
    sql.append("WITH ev AS (SELECT DISTINCT key, ts, ")
        .append("SUM(amount) OVER (PARTITION BY key ORDER BY ts RANGE UNBOUNDED PRECEDING) AS cs, ")
        .append("COUNT(amount) OVER (PARTITION BY key ORDER BY ts RANGE UNBOUNDED PRECEDING) AS cc FROM ")
        .append(parquet("events")).append("),\n");
    sql.append("q AS (SELECT row_id, key, ts, ts - 3600000 AS t1h, ts - 86400000 AS t1d, ts - 604800000 AS t7d, ")
        .append("ts - 2592000000 AS t30d FROM ").append(parquet("queries")).append("),\n");
    sql.append("mx AS (SELECT row_id, MAX(amount) OVER (PARTITION BY key ORDER BY ts RANGE BETWEEN 604800000 ")
        .append("PRECEDING AND 1 PRECEDING) AS max_7d FROM (SELECT row_id, key, ts, NULL::BIGINT AS amount FROM ")
        .append(parquet("queries")).append(" UNION ALL SELECT NULL, key, ts, amount FROM ").append(parquet("events"))
        .append(")),\n");
    sql.append("p AS (SELECT q.row_id, a.cs AS cs, a.cc AS cc");
    String[][] starts = {{"1h", "t1h"}, {"1d", "t1d"}, {"7d", "t7d"}, {"30d", "t30d"}};
    for (String[] start : starts) {
      sql.append(", w").append(start[0]).append(".cs AS cs_").append(start[0]).append(", w").append(start[0])
          .append(".cc AS cc_").append(start[0]);
    }
    sql.append(" FROM q ASOF LEFT JOIN ev a ON q.key = a.key AND q.ts > a.ts");
    for (String[] start : starts) {
      sql.append(" ASOF LEFT JOIN ev w").append(start[0]).append(" ON q.key = w").append(start[0])
          .append(".key AND q.").append(start[1]).append(" > w").append(start[0]).append(".ts");
    }
    sql.append(")\nSELECT p.row_id");
    for (String[] start : starts) {
      String count = "coalesce(p.cc, 0) - coalesce(p.cc_" + start[0] + ", 0)";
      sql.append(", CASE WHEN ").append(count).append(" = 0 THEN NULL ELSE CAST(coalesce(p.cs, 0) - coalesce(p.cs_")
          .append(start[0]).append(", 0) AS BIGINT) END AS sum_").append(start[0]);
      sql.append(", CASE WHEN ").append(count).append(" = 0 THEN NULL ELSE ").append(count).append(" END AS count_")
          .append(start[0]);
    }
    sql.append(", CAST(mx.max_7d AS BIGINT) AS max_7d FROM p JOIN mx ON p.row_id = mx.row_id");
    return sql.toString();
  }
}
