package io.tidemark.catalog;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A Nessie server. Spark (and Trino) reach it through its Iceberg REST endpoint, {@code <uri>/iceberg/<ref>}: the
 * one path on which both engines see tables and views. That endpoint needs the warehouse in object storage and serves
 * each table's current snapshot only, so history is kept as Nessie commits and read through Nessie tags, which name
 * the whole catalog at one commit.
 *
 * @param uri the server's base address, e.g. {@code http://127.0.0.1:19120}
 * @param ref the branch or tag Tidemark reads and writes, {@code main} unless set
 * @param warehouse the Nessie warehouse name, when not the server's default
 * @param token a bearer token, when the server asks for one
 */
public record NessieCatalogConfig(String name, URI uri, String ref, Optional<String> warehouse, Optional<Secret> token,
    ObjectStorage storage) implements ServerCatalogConfig {
  public NessieCatalogConfig {
    requireNonNull(name, "name is null");
    requireNonNull(uri, "uri is null");
    requireNonNull(ref, "ref is null");
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(token, "token is null");
    requireNonNull(storage, "storage is null");
    checkArgument(!ref.isBlank(), "Cannot use a blank Nessie ref: name a branch or tag, e.g. main");
    String text = uri.toString();
    uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  /** The same catalog, read at another branch or tag. */
  public NessieCatalogConfig atRef(String otherRef) {
    return new NessieCatalogConfig(name, uri, otherRef, warehouse, token, storage);
  }

  /** Nessie's own API (version 2), for branches and tags. */
  public URI apiUri() {
    return URI.create(uri + "/api/v2");
  }

  @Override
  public Map<String, String> sparkProperties() {
    return RestEndpoint.sparkProperties(name, URI.create(uri + "/iceberg/" + ref), warehouse, token, storage);
  }

  /** Asks Nessie for the ref, so that a wrong address, token or ref fails before Spark starts. */
  @Override
  public void prepare() {
    int status = RestEndpoint.get(URI.create(apiUri() + "/trees/" + ref), token, "the Nessie server", "uri");
    if (status == 404) {
      throw new TidemarkException(ErrorCode.INVALID_CATALOG_FILE, "The Nessie server at " + uri + " has no branch or "
          + "tag '" + ref + "'. Fix: set ref in the catalog file to an existing branch (e.g. main)");
    }
    if (status == 401 || status == 403) {
      throw new TidemarkException(ErrorCode.CATALOG_ACCESS_DENIED, "The Nessie server at " + uri + " refused the "
          + "request (HTTP " + status + "). Fix: set token.env or token.file in the catalog file to a valid token");
    }
    if (status != 200) {
      throw new TidemarkException(ErrorCode.CATALOG_UNREACHABLE, "The Nessie server at " + uri + " answered HTTP "
          + status
          + " for ref " + ref + ". Fix: check that uri names a Nessie server (without /api/v2) and that it is healthy");
    }
  }

  @Override
  public String describe() {
    return "Nessie catalog '" + name + "' at " + uri + " (ref " + ref + ")";
  }

  @Override
  public Optional<CatalogTags> openCatalogTags() {
    return Optional.of(new NessieTags(this));
  }

  @Override
  public SnapshotHistory snapshotHistory() {
    return SnapshotHistory.CURRENT_ONLY;
  }
}
