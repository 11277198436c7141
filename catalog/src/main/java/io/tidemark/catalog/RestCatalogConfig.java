package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Any Iceberg REST catalog server (Polaris, Gravitino, Lakekeeper, Nessie's own endpoint, a cloud's). Tables, views
 * and snapshot time travel work as the server supports them; audit tags are Iceberg table tags.
 *
 * @param uri the REST endpoint, the address before {@code /v1/config}
 * @param warehouse the warehouse name or location the server expects, if any
 * @param token a bearer token, when the server asks for one
 */
public record RestCatalogConfig(String name, URI uri, Optional<String> warehouse, Optional<Secret> token,
    ObjectStorage storage) implements ServerCatalogConfig {
  public RestCatalogConfig {
    requireNonNull(name, "name is null");
    requireNonNull(uri, "uri is null");
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(token, "token is null");
    requireNonNull(storage, "storage is null");
  }

  @Override
  public Map<String, String> sparkProperties() {
    return RestEndpoint.sparkProperties(name, uri, warehouse, token, storage);
  }

  /** Asks the server for its configuration, so that a wrong address or token fails before Spark starts. */
  @Override
  public void prepare() {
    String query = warehouse.map(value -> "?warehouse=" + URLEncoder.encode(value, StandardCharsets.UTF_8)).orElse("");
    int status = RestEndpoint.get(URI.create(uri + "/v1/config" + query), token, "the Iceberg REST catalog", "uri");
    if (status == 401 || status == 403) {
      throw new TidemarkException(ErrorCode.CATALOG_ACCESS_DENIED, "The REST catalog at " + uri + " refused the "
          + "request (HTTP " + status + "). Fix: set token.env or token.file in the catalog file to a valid token");
    }
    if (status != 200) {
      throw new TidemarkException(ErrorCode.CATALOG_UNREACHABLE, "The REST catalog at " + uri + " answered HTTP "
          + status
          + " to GET /v1/config. Fix: check uri (the address before /v1/config) and warehouse in the catalog file");
    }
  }

  @Override
  public String describe() {
    return "REST catalog '" + name + "' at " + uri;
  }

  @Override
  public Optional<CatalogTags> openCatalogTags() {
    return Optional.empty();
  }

  @Override
  public SnapshotHistory snapshotHistory() {
    return SnapshotHistory.ALL_SNAPSHOTS;
  }
}
