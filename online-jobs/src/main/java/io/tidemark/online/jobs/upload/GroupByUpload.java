package io.tidemark.online.jobs.upload;

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
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.spark.ComputedStep;
import io.tidemark.engine.spark.JoinAnalyzer;
import io.tidemark.engine.spark.JoinComputation;
import io.tidemark.engine.spark.StepInput;
import io.tidemark.online.metadata.GroupByServingInfo;
import io.tidemark.online.metadata.ServingField;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.KeyCodec;
import io.tidemark.online.store.OnlineStore;
import io.tidemark.online.store.PublishedVersion;
import io.tidemark.online.store.VersionWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
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
  private static final int PROGRESS_EVERY = 100_000;

  private final TidemarkCatalog catalog;
  private final OnlineStore store;
  private final ServingMetadata metadata;
  private final Consumer<String> progress;

  public GroupByUpload(TidemarkCatalog catalog, OnlineStore store, ServingMetadata metadata,
      Consumer<String> progress) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.store = requireNonNull(store, "store is null");
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  public UploadResult run(Loaded<GroupBy> loaded, String ds) {
    long start = System.nanoTime();
    GroupBy groupBy = loaded.definition();
    ServingSupport.check(groupBy, loaded.file());
    JoinComputation computation = JoinAnalyzer.analyzeGroupBy(catalog, groupBy, loaded.file());
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
        + PartitionDates.dayOf(PartitionDates.startMillis(ds) + PartitionDates.DAY_MILLIS) + "T00:00Z): "
        + valueFields.size() + " value column(s) per key of " + computation.describeLeft());
    StepInput input = computation.stepInput(List.of(ds));
    PublishedVersion published;
    try (VersionWriter writer = store.newVersion(groupBy.name(), ds)) {
      if (input.hasRows()) {
        write(computation, input, ds, groupBy.keyColumns(), valueFields, prefix, writer);
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

  private void write(JoinComputation computation, StepInput input, String ds, List<String> keyColumns,
      List<StructField> valueFields, String prefix, VersionWriter writer) {
    ComputedStep step = computation.compute(input, "upload-" + UUID.randomUUID());
    List<Column> columns = new ArrayList<>();
    keyColumns.forEach(key -> columns.add(col("`" + key + "`")));
    Column anyValue = lit(false);
    for (StructField field : valueFields) {
      columns.add(col("`" + field.name() + "`"));
      anyValue = anyValue.or(col("`" + field.name() + "`").isNotNull());
    }
    Iterator<Row> rows = step.rows()
        .filter(col(Names.PARTITION_COLUMN).equalTo(ds).and(anyValue))
        .select(columns.toArray(Column[]::new))
        .toLocalIterator();
    long written = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      List<Object> key = new ArrayList<>(keyColumns.size());
      for (int k = 0; k < keyColumns.size(); k++) {
        key.add(SparkJson.keyComponent(row.get(k)));
      }
      writer.put(KeyCodec.encode(key), valueBytes(row, keyColumns.size(), valueFields, prefix));
      if (++written % PROGRESS_EVERY == 0) {
        progress.accept("  " + written + " keys written");
      }
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
