package io.tidemark.bench;

import static org.apache.iceberg.TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;

import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.naming.Names;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.DataCheckTiming;
import io.tidemark.engine.JoinBackfill;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.Files;
import org.apache.iceberg.Schema;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.spark.data.SparkParquetWriters;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What writing the provenance map costs: the aggregation benchmark's join output (one row per left row, nine value
 * columns, each row's map naming the run for all nine) written into an Iceberg table as a backfill writes it (the
 * join table's properties, one file per day from each core, no shuffle), with its map and without it. Both read the
 * same rows without the map, so that the difference is the map's writing alone; the map is the constant a plain
 * backfill writes.
 *
 * <pre>bench/run provenance [--scale S|M] [--repeat N] [--reuse-data]</pre>
 */
public final class ProvenanceBenchmark {
  private static final String OUTPUT = "bench_out.bench_full_v1";
  private static final String TARGET = "bench_out.bench_provenance_write";

  private ProvenanceBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions.parse(args, 3).run(ProvenanceBenchmark::run);
  }

  private static void run(TidemarkCatalog catalog, BenchOptions options) throws Exception {
    SparkSession spark = catalog.spark();
    System.out.println("Tidemark provenance write benchmark, scale " + options.scale().describe());
    options.prepare(catalog);
    if (!spark.catalog().tableExists("lake." + OUTPUT)) {
      Path join = Formulations.writeJoin(options.directory().resolve("definitions"), "bench.full.v1",
          ", \"rowIds\": [\"row_id\"]");
      JoinBackfill backfill = new JoinBackfill(catalog, DefinitionLoader.loadJoin(join));
      backfill.run(backfill.plan(BackfillRange.all(), DataCheckTiming.WHILE_RUNNING), BackfillListener.NONE);
    }
    Dataset<Row> output = spark.table("lake." + OUTPUT);
    Map<String, String> provenance = output.select(Names.PROVENANCE_COLUMN).first().getJavaMap(0);
    List<Column> entries = new ArrayList<>();
    provenance.forEach((column, supplier) -> {
      entries.add(lit(column));
      entries.add(lit(supplier));
    });
    Dataset<Row> without = output.drop(Names.PROVENANCE_COLUMN);
    Dataset<Row> with = without.withColumn(Names.PROVENANCE_COLUMN, map(entries.toArray(Column[]::new)));
    Map<String, String> properties = new LinkedHashMap<>();
    spark.sql("SHOW TBLPROPERTIES lake." + OUTPUT).collectAsList().stream()
        .filter(row -> row.getString(0).startsWith("write.parquet."))
        .forEach(row -> properties.put(row.getString(0), row.getString(1)));
    long rows = without.count();

    Map<String, Long> best = new LinkedHashMap<>();
    for (int i = 0; i < options.repeat(); i++) {
      best.merge("with the map", write(spark, with, properties), Math::min);
      best.merge("without it", write(spark, without, properties), Math::min);
    }
    System.out.printf(Locale.ROOT, "  %,d rows, a map of %d entries each; best of %d, seconds:%n", rows,
        provenance.size(), options.repeat());
    best.forEach((variant, millis) -> System.out.printf(Locale.ROOT, "  %-14s %8.2f%n", variant, millis / 1000.0));
    long map = best.get("with the map") - best.get("without it");
    System.out.printf(Locale.ROOT, "  the map: %.2f s, %.0f %% of the write without it%n", map / 1000.0,
        100.0 * map / best.get("without it"));
    oneThread(output.schema(), provenance, properties, rows, options);
  }

  /**
   * The same number of rows of the same columns (values made up, the map as stored) through Iceberg's Parquet writer
   * on one thread, no Spark job around it: rows as Spark's projections hand them over (each row its own copy of the
   * map), rows sharing one map object, rows without the map, and Spark's rows without the map's dictionary. What
   * Parquet's encoding of the map costs, apart from how its rows reach it.
   */
  private static void oneThread(StructType columns, Map<String, String> provenance, Map<String, String> properties,
      long rows, BenchOptions options) throws IOException {
    Object[] keys = new Object[provenance.size()];
    Object[] suppliers = new Object[provenance.size()];
    int entry = 0;
    for (Map.Entry<String, String> supplied : provenance.entrySet()) {
      keys[entry] = UTF8String.fromString(supplied.getKey());
      suppliers[entry++] = UTF8String.fromString(supplied.getValue());
    }
    ArrayBasedMapData map = new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(suppliers));
    StructType withoutMap = new StructType(Arrays.stream(columns.fields())
        .filter(field -> !field.name().equals(Names.PROVENANCE_COLUMN)).toArray(StructField[]::new));
    Map<String, String> withoutDictionary = new LinkedHashMap<>(properties);
    withoutDictionary.put(PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + Names.PROVENANCE_COLUMN + ".key", "false");
    withoutDictionary.put(PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + Names.PROVENANCE_COLUMN + ".value", "false");
    Map<String, Written> best = new LinkedHashMap<>();
    for (int i = 0; i < options.repeat(); i++) {
      best.merge("Spark's rows, with the map", writeOneThread(columns, map, properties, rows, Rows.SPARK),
          Written::faster);
      best.merge("a shared map", writeOneThread(columns, map, properties, rows, Rows.SHARED), Written::faster);
      best.merge("no map", writeOneThread(withoutMap, map, properties, rows, Rows.SPARK), Written::faster);
      best.merge("Spark's rows, no dictionary", writeOneThread(columns, map, withoutDictionary, rows, Rows.SPARK),
          Written::faster);
    }
    System.out.printf(Locale.ROOT, "  the same rows through Iceberg's Parquet writer, one thread, best of %d:%n",
        options.repeat());
    best.forEach((variant, written) -> System.out.printf(Locale.ROOT, "  %-28s %8.2f s %7.1f MB%n", variant,
        written.millis() / 1000.0, written.bytes() / 1e6));
  }

  /** How long a write took and how large a file it wrote. */
  private record Written(long millis, long bytes) {
    static Written faster(Written a, Written b) {
      return a.millis() <= b.millis() ? a : b;
    }
  }

  /** How rows reach the writer. */
  private enum Rows {
    /** As a projection in Spark hands them over: each row a copy, its map among its bytes. */
    SPARK,
    /** Every row holding the same map object. */
    SHARED
  }

  private static Written writeOneThread(StructType columns, ArrayBasedMapData map, Map<String, String> properties,
      long rows, Rows kind) throws IOException {
    Schema schema = SparkSchemaUtil.convert(columns);
    File file = File.createTempFile("tidemark-provenance", ".parquet");
    file.delete();
    UnsafeProjection spark = UnsafeProjection.create(columns);
    UTF8String day = UTF8String.fromString("2023-02-28");
    long started = System.nanoTime();
    try (FileAppender<InternalRow> appender = Parquet.write(Files.localOutput(file)).schema(schema)
        .createWriterFunc(type -> SparkParquetWriters.buildWriter(columns, type)).setAll(properties).build()) {
      for (long row = 0; row < rows; row++) {
        Object[] values = new Object[columns.size()];
        for (int c = 0; c < values.length; c++) {
          DataType type = columns.fields()[c].dataType();
          if (type instanceof MapType) {
            values[c] = map;
          } else if (type instanceof StringType) {
            values[c] = day;
          } else if (type instanceof LongType) {
            values[c] = row * 31 + c;
          } else {
            throw new IllegalStateException("The join's output has a column of " + type + ", which this benchmark "
                + "does not make up values for");
          }
        }
        GenericInternalRow generic = new GenericInternalRow(values);
        appender.add(kind == Rows.SPARK ? spark.apply(generic) : generic);
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    long bytes = file.length();
    file.delete();
    return new Written(millis, bytes);
  }

  /** Writes {@code rows} into a new table with {@code properties}, as a backfill's step appends; the append's time. */
  private static long write(SparkSession spark, Dataset<Row> rows, Map<String, String> properties) throws Exception {
    spark.sql("DROP TABLE IF EXISTS lake." + TARGET);
    DataFrameWriterV2<Row> create = rows.limit(0).writeTo("lake." + TARGET).partitionedBy(col(Names.PARTITION_COLUMN));
    properties.forEach(create::tableProperty);
    create.create();
    int cores = spark.sparkContext().defaultParallelism();
    long started = System.nanoTime();
    rows.coalesce(cores).writeTo("lake." + TARGET).option("distribution-mode", "none")
        .option("fanout-enabled", "true").append();
    return (System.nanoTime() - started) / 1_000_000;
  }
}
