package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How Spark reaches an S3-compatible object store for a catalog whose tables live there. Every setting is optional:
 * a catalog server may hand out the endpoint (Nessie does) and the cloud's own credential chain may supply keys.
 */
public record ObjectStorage(Optional<String> endpoint, Optional<String> region, Optional<String> accessKeyId,
    Optional<Secret> secretAccessKey, PathStyle pathStyle) {
  /** Whether buckets are addressed in the path (emulators, MinIO) or as host names (AWS). */
  public enum PathStyle {
    SERVER_DEFAULT,
    PATH,
    VIRTUAL_HOST
  }

  public ObjectStorage {
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(region, "region is null");
    requireNonNull(accessKeyId, "accessKeyId is null");
    requireNonNull(secretAccessKey, "secretAccessKey is null");
    requireNonNull(pathStyle, "pathStyle is null");
  }

  public static ObjectStorage serverDefaults() {
    return new ObjectStorage(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        PathStyle.SERVER_DEFAULT);
  }

  /** Iceberg's S3FileIO settings, under {@code prefix} (e.g. {@code spark.sql.catalog.lake.}). */
  Map<String, String> icebergProperties(String prefix) {
    Map<String, String> properties = new LinkedHashMap<>();
    endpoint.ifPresent(value -> properties.put(prefix + "s3.endpoint", value));
    region.ifPresent(value -> properties.put(prefix + "client.region", value));
    accessKeyId.ifPresent(value -> properties.put(prefix + "s3.access-key-id", value));
    secretAccessKey.ifPresent(value -> properties.put(prefix + "s3.secret-access-key", value.value()));
    if (pathStyle != PathStyle.SERVER_DEFAULT) {
      properties.put(prefix + "s3.path-style-access", Boolean.toString(pathStyle == PathStyle.PATH));
    }
    return properties;
  }
}
