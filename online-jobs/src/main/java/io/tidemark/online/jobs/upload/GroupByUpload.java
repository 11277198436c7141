package io.tidemark.online.jobs.upload;

import static io.tidemark.catalog.SparkSql.quote;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.RunProfile;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.compute.BoundJoin;
import io.tidemark.engine.compute.ComputedStep;
import io.tidemark.engine.compute.LeftStep;
import io.tidemark.online.metadata.GroupByServingInfo;
import io.tidemark.online.metadata.ServingField;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.KeyCodec;
import io.tidemark.online.store.OnlineStore;
import io.tidemark.online.store.PublishedVersion;
import io.tidemark.online.store.SortedFile;
import io.tidemark.online.store.VersionWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code tidemark upload}: a GroupBy's values per key as of the end of day D (windows ending at the midnight after D),
 * computed as the GroupBy backfill computes a day, published as version D of the online store, then its serving
 * metadata. Keys whose values are all NULL are not written (a fetch reads them as NULL all the same).
 */
public final class GroupByUpload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TidemarkCatalog catalog;
  private final OnlineStore store;
  private final ServingMetadata metadata;
  private final Consumer<String> progress;
  private final Optional<String> stagingDir;

  /**
   * @param stagingDir where executors put the sorted files for the driver to fetch (any Hadoop file system URI);
   *     empty to write them straight into the store, which only Spark in this JVM (a local master) can
   */
  public GroupByUpload(TidemarkCatalog catalog, OnlineStore store, ServingMetadata metadata,
      Consumer<String> progress, Optional<String> stagingDir) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.store = requireNonNull(store, "store is null");
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.progress = requireNonNull(progress, "progress is null");
    this.stagingDir = requireNonNull(stagingDir, "stagingDir is null");
  }

  public UploadResult run(Loaded<GroupBy> loaded, Day ds) {
    long start = System.nanoTime();
    Staging staging = Staging.choose(stagingDir, catalog.spark().sparkContext());
    GroupBy groupBy = loaded.definition();
    ServingSupport.check(groupBy, loaded.file());
    BoundJoin computation = BoundJoin.ofGroupBy(catalog, groupBy, loaded.location());
    String prefix = Names.joinPartPrefix(JoinPart.of(groupBy)) + "_";
    StructType schema = computation.outputSchema();
    List<ServingField> keys = new ArrayList<>();
    for (String key : groupBy.keyColumns()) {
      keys.add(new ServingField(key, schema.apply(key).dataType().catalogString()));
    }
    List<StructField> valueFields = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (field.name().startsWith(prefix)) {
        valueFields.add(field);
      }
    }
    progress.accept("Computing " + groupBy.name() + " as of the end of " + ds + " ("
        + ds.plusDays(1) + "T00:00Z): "
        + valueFields.size() + " value column(s) per key of " + computation.describeLeft());
    // Partial aggregates the GroupBy reads are built for the days it needs first, committed under this run.
    String runId = "upload-" + UUID.randomUUID();
    LeftStep keysOfDay;
    try (RunProfile.Stage stage = RunProfile.stage("keys")) {
      keysOfDay = computation.readLeft(List.of(ds), runId);
    }
    PublishedVersion published;
    try (keysOfDay; VersionWriter writer = store.newVersion(groupBy.name(), ds.toString())) {
      if (keysOfDay.input().hasRows()) {
        write(computation, keysOfDay, runId, ds, groupBy.keyColumns(), valueFields, prefix, writer, staging);
      } else {
        progress.accept("No key has a value as of the end of " + ds + ": publishing an empty version");
      }
      published = writer.publish();
    }
    List<ServingField> values = valueFields.stream()
        .map(field -> new ServingField(field.name().substring(prefix.length()), field.dataType().catalogString()))
        .toList();
    metadata.writeGroupBy(new GroupByServingInfo(groupBy.name(), keys, values));
    return new UploadResult(groupBy.name(), ds, published.keys(), published.bytes(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Computes the rows on the executors, which encode them as the store's keys and values and write them as sorted
   * files; the files then move into the version. The driver handles files and counts, never the keys.
   */
  private void write(BoundJoin computation, LeftStep keysOfDay, String runId, Day ds,
      List<String> keyColumns, List<StructField> valueFields, String prefix, VersionWriter writer, Staging staging) {
    ComputedStep step;
    try (RunProfile.Stage stage = RunProfile.stage("compute")) {
      step = computation.compute(keysOfDay, runId);
    }
    try (step) {
      List<Column> columns = new ArrayList<>();
      keyColumns.forEach(key -> columns.add(col(quote(key))));
      Column anyValue = lit(false);
      for (StructField field : valueFields) {
        columns.add(col(quote(field.name())));
        anyValue = anyValue.or(col(quote(field.name())).isNotNull());
      }
      Dataset<Row> rows = step.rows()
          .filter(col(Names.PARTITION_COLUMN).equalTo(ds.toString()).and(anyValue))
          .select(columns.toArray(Column[]::new));
      ValueEncoding encoding = new ValueEncoding(keyColumns.size(), valueFields, prefix);
      Dataset<Row> pairs = rows.map((MapFunction<Row, Row>) encoding::pair, Encoders.row(SortedFilesJob.PAIRS));
      try (RunProfile.Stage stage = RunProfile.stage("write sorted files")) {
        List<SortedFilesJob.StagedFile> staged = SortedFilesJob.write(pairs,
            catalog.spark().sparkContext().defaultParallelism(), staging.location(writer),
            catalog.hadoopConfiguration());
        List<SortedFile> files = staging.fetch(staged, writer.sortedFilesFolder(), catalog.hadoopConfiguration());
        writer.addSortedFiles(files);
        progress.accept("  " + files.stream().mapToLong(SortedFile::keys).sum() + " keys written in " + files.size()
            + " sorted file(s) by the executors");
      } finally {
        staging.clean(catalog.hadoopConfiguration());
      }
    }
  }

  /** How a row's key and values become the store's bytes: on the executors, so it is serializable. */
  private record ValueEncoding(int keyCount, List<StructField> valueFields, String prefix) implements Serializable {
    Row pair(Row row) {
      List<Object> key = new ArrayList<>(keyCount);
      for (int k = 0; k < keyCount; k++) {
        key.add(SparkJson.keyComponent(row.get(k)));
      }
      return RowFactory.create(KeyCodec.encode(key), valueBytes(row, keyCount, valueFields, prefix));
    }
  }

  private static byte[] valueBytes(Row row, int offset, List<StructField> valueFields, String prefix) {
    ObjectNode values = JSON.createObjectNode();
    for (int v = 0; v < valueFields.size(); v++) {
      StructField field = valueFields.get(v);
      DataType type = field.dataType();
      values.set(field.name().substring(prefix.length()), SparkJson.of(row.get(offset + v), type));
    }
    try {
      return JSON.writeValueAsString(values).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot encode the values of a row", e);
    }
  }
}
