package io.tidemark.online.fetch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.api.TidemarkException;
import io.tidemark.online.log.LogSchema;
import io.tidemark.online.log.RequestLog;
import io.tidemark.online.metadata.GroupByServingInfo;
import io.tidemark.online.metadata.JoinPartServingInfo;
import io.tidemark.online.metadata.JoinServingInfo;
import io.tidemark.online.metadata.PartColumn;
import io.tidemark.online.metadata.PartKey;
import io.tidemark.online.metadata.RequestField;
import io.tidemark.online.metadata.RequestFieldRole;
import io.tidemark.online.metadata.ServingField;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.KeyCodec;
import io.tidemark.online.store.OnlineStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches a GroupBy's or a join's values by key at a request time, from the uploaded versions the version rule picks
 * (see {@link VersionSelection}). Join fetches are logged: the returned future completes once the request's record is
 * durable, and fails when it cannot be made so.
 */
public final class Fetcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServingMetadata metadata;
  private final OnlineStore store;
  private final RequestLog log;
  private final Clock clock;
  private final Map<String, SchemaOfInfo> logSchemas = new ConcurrentHashMap<>();

  public Fetcher(ServingMetadata metadata, OnlineStore store, RequestLog log, Clock clock) {
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.store = requireNonNull(store, "store is null");
    this.log = requireNonNull(log, "log is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public GroupByResponse fetchGroupBy(String name, FetchRequest request) {
    GroupByServingInfo info = metadata.groupBy(name).orElseThrow(() -> new FetchException(FetchError.UNKNOWN_GROUP_BY,
        "Unknown GroupBy \"" + name + "\": nothing was uploaded under that name. Fix: run tidemark upload --conf "
            + "<its definition> --ds <day>, or check the name (e.g. quickstart.purchases.v1)"));
    String owner = "GroupBy " + info.name();
    checkKnownFields(request.keys(), info.keys().stream().map(ServingField::name).toList(), owner);
    List<Object> key = new ArrayList<>();
    for (ServingField field : info.keys()) {
      key.add(requiredKey(field.name(), field.type(), request.keys(), owner));
    }
    long ts = request.ts().orElseGet(clock::millis);
    List<String> versions = uploadedVersions(info.name(), "it");
    Optional<String> version = VersionSelection.versionAt(versions, ts);
    ObjectNode stored = version.isPresent() ? read(info.name(), version.get(), key) : null;
    ObjectNode values = JSON.createObjectNode();
    for (ServingField field : info.values()) {
      values.set(field.name(), valueOf(stored, field.name()));
    }
    return new GroupByResponse(info.name(), ts, version, values);
  }

  /** The join's feature vector; the future completes once its log record is durable. */
  public CompletableFuture<JoinResponse> fetchJoin(String name, FetchRequest request) {
    JoinServingInfo info = metadata.join(name).orElseThrow(() -> new FetchException(FetchError.UNKNOWN_JOIN,
        "Unknown join \"" + name + "\": its serving metadata was not uploaded. Fix: run tidemark upload-metadata "
            + "--conf <its definition>, or check the name (e.g. quickstart.training_set.v2)"));
    String owner = "join " + info.name();
    checkKnownFields(request.keys(), info.requestFields().stream().map(RequestField::name).toList(), owner);
    ObjectNode loggedKeys = JSON.createObjectNode();
    Map<String, Object> components = new HashMap<>();
    for (RequestField field : info.requestFields()) {
      Object component = field.role() == RequestFieldRole.PART_KEY
          ? requiredKey(field.name(), field.type(), request.keys(), owner)
          : KeyTypes.convert(field.name(), field.type(), request.keys().get(field.name()), owner);
      components.put(field.name(), component);
      JsonNode given = request.keys().get(field.name());
      loggedKeys.set(field.name(), given == null ? NullNode.getInstance() : given);
    }
    long ts = request.ts().orElseGet(clock::millis);
    ObjectNode values = JSON.createObjectNode();
    Map<String, Optional<String>> versions = new LinkedHashMap<>();
    for (JoinPartServingInfo part : info.parts()) {
      List<String> uploaded = uploadedVersions(part.groupBy(), owner);
      Optional<String> version = VersionSelection.versionAt(uploaded, ts);
      List<Object> key = new ArrayList<>();
      for (PartKey partKey : part.keys()) {
        key.add(components.get(partKey.requestField()));
      }
      ObjectNode stored = version.isPresent() ? read(part.groupBy(), version.get(), key) : null;
      for (PartColumn column : part.columns()) {
        values.set(column.name(), valueOf(stored, column.groupByColumn()));
      }
      versions.put(part.groupBy(), version);
    }
    JoinResponse response = new JoinResponse(info.name(), ts, values, versions);
    return log.append(logSchema(info), ts, loggedKeys, values)
        .handle((durable, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            throw new FetchException(FetchError.LOG_FAILED, "The request was not answered because it could not be "
                + "logged durably: " + (cause instanceof TidemarkException known ? known.withoutCode()
                : cause.getMessage()) + ". Fix: make the online folder's logs/ writable (disk "
                + "space, permissions); the service answers again once records can be written", cause);
          }
          return response;
        });
  }

  /** The logging schema of {@code info}, hashed once per metadata file read rather than once per request. */
  private LogSchema logSchema(JoinServingInfo info) {
    SchemaOfInfo cached = logSchemas.get(info.name());
    if (cached != null && cached.info() == info) {
      return cached.schema();
    }
    LogSchema schema = LogSchema.of(info);
    logSchemas.put(info.name(), new SchemaOfInfo(info, schema));
    return schema;
  }

  private record SchemaOfInfo(JoinServingInfo info, LogSchema schema) {}

  /** The uploaded versions of {@code groupBy}; none at all is an error rather than NULL values for {@code reader}. */
  private List<String> uploadedVersions(String groupBy, String reader) {
    List<String> versions = store.versions(groupBy);
    if (versions.isEmpty()) {
      throw new FetchException(FetchError.NOT_UPLOADED, "GroupBy " + groupBy + " has no uploaded data, so " + reader
          + " cannot be fetched. Fix: run tidemark upload --conf <the definition of " + groupBy + "> --ds <day>");
    }
    return versions;
  }

  private ObjectNode read(String groupBy, String version, List<Object> key) {
    Optional<byte[]> value = store.read(groupBy, version, List.of(KeyCodec.encode(key))).get(0);
    if (value.isEmpty()) {
      return null;
    }
    try {
      return (ObjectNode) JSON.readTree(value.get());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the stored values of " + groupBy + " version " + version, e);
    }
  }

  private static JsonNode valueOf(ObjectNode stored, String column) {
    JsonNode value = stored == null ? null : stored.get(column);
    return value == null ? NullNode.getInstance() : value;
  }

  private static Object requiredKey(String name, String type, ObjectNode keys, String owner) {
    Object component = KeyTypes.convert(name, type, keys.get(name), owner);
    if (component == null) {
      throw new FetchException(FetchError.MISSING_KEY, "Missing key \"" + name + "\" (" + type + ") for " + owner
          + ". Fix: add it to \"keys\", e.g. " + example(name, type));
    }
    return component;
  }

  private static void checkKnownFields(ObjectNode keys, List<String> known, String owner) {
    for (Iterator<String> names = keys.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new FetchException(FetchError.UNKNOWN_KEY, "Unknown key \"" + name + "\" for " + owner + ". Fix: "
            + "give only its fields: " + String.join(", ", known));
      }
    }
  }

  private static String example(String name, String type) {
    return switch (type) {
      case "string" -> "{\"" + name + "\": \"5\"}";
      case "bigint", "int", "smallint", "tinyint" -> "{\"" + name + "\": 5}";
      default -> "{\"" + name + "\": <a " + type + ">}";
    };
  }
}
