package io.tidemark.online.jobs.upload;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.ExternalField;
import io.tidemark.api.definition.ExternalPart;
import io.tidemark.api.definition.FieldType;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.compute.BoundJoin;
import io.tidemark.online.metadata.JoinPartServingInfo;
import io.tidemark.online.metadata.JoinServingInfo;
import io.tidemark.online.metadata.PartColumn;
import io.tidemark.online.metadata.PartKey;
import io.tidemark.online.metadata.RequestField;
import io.tidemark.online.metadata.RequestFieldRole;
import io.tidemark.online.metadata.ServingMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * {@code tidemark upload-metadata}: what a join fetch needs, from the join's definition checked against its tables:
 * the request fields (each part's keys under their left names, then the row ids, then the contextual fields), and per
 * part the GroupBy to read, its key mapping and the join's output columns with their types.
 */
public final class JoinMetadataUpload {
  /** The name of Chronon's contextual source, whose fields are the request's context. */
  static final String CONTEXTUAL = "contextual";

  private final TidemarkCatalog catalog;
  private final ServingMetadata metadata;

  public JoinMetadataUpload(TidemarkCatalog catalog, ServingMetadata metadata) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.metadata = requireNonNull(metadata, "metadata is null");
  }

  public JoinServingInfo run(Loaded<Join> loaded) {
    Join join = loaded.definition();
    ServingSupport.check(join, loaded.file());
    // Serving reads no bootstrap, and a bootstrapFromLog join's log table exists only once requests were logged.
    Join served = new Join(join.metaData(), join.left(), join.joinParts(), join.rowIds(), List.of(),
        Join.LogBootstrap.NONE, join.externalParts());
    BoundJoin computation = BoundJoin.of(catalog, served, loaded.location());
    StructType output = computation.outputSchema();
    Map<String, RequestField> fields = new LinkedHashMap<>();
    List<JoinPartServingInfo> parts = new ArrayList<>();
    Map<String, List<String>> partColumns = computation.partColumns();
    for (JoinPart part : join.joinParts()) {
      List<PartKey> keys = new ArrayList<>();
      for (String key : part.groupBy().keyColumns()) {
        String left = part.leftColumnFor(key);
        keys.add(new PartKey(key, left));
        fields.putIfAbsent(left, new RequestField(left, type(output, left), RequestFieldRole.PART_KEY));
      }
      String prefix = Names.joinPartPrefix(part);
      List<PartColumn> columns = new ArrayList<>();
      for (String column : partColumns.get(prefix)) {
        columns.add(new PartColumn(column, type(output, column), column.substring(prefix.length() + 1)));
      }
      parts.add(new JoinPartServingInfo(part.groupBy().name(), keys, columns));
    }
    for (String rowId : join.rowIds()) {
      fields.putIfAbsent(rowId, new RequestField(rowId, type(output, rowId), RequestFieldRole.ROW_ID));
    }
    for (ExternalPart external : join.externalParts()) {
      if (external.name().equals(CONTEXTUAL)) {
        for (ExternalField field : external.keyFields()) {
          fields.putIfAbsent(field.name(),
              new RequestField(field.name(), sparkType(field.type()), RequestFieldRole.CONTEXTUAL));
        }
      }
    }
    JoinServingInfo info = new JoinServingInfo(join.name(), List.copyOf(fields.values()), parts);
    metadata.writeJoin(info);
    return info;
  }

  private static String type(StructType schema, String column) {
    return schema.apply(column).dataType().catalogString();
  }

  private static String sparkType(FieldType type) {
    return switch (type) {
      case BOOLEAN -> "boolean";
      case BYTE -> "tinyint";
      case SHORT -> "smallint";
      case INT -> "int";
      case LONG -> "bigint";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case STRING -> "string";
      case BINARY -> "binary";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp";
    };
  }
}
