package io.tidemark.catalog;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the REST-based catalogs share: their Spark settings, and asking the server once before Spark starts. */
final class RestEndpoint {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private RestEndpoint() {}

  /** Spark settings for Iceberg's REST catalog at {@code uri}, reused as one instance (a ViewCatalog). */
  static Map<String, String> sparkProperties(String name, URI uri, Optional<String> warehouse, Optional<Secret> token,
      ObjectStorage storage) {
    String prefix = "spark.sql.catalog." + name;
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    properties.put(prefix + ".type", "rest");
    properties.put(prefix + ".uri", uri.toString());
    warehouse.ifPresent(value -> properties.put(prefix + ".warehouse", value));
    token.ifPresent(value -> properties.put(prefix + ".token", value.value()));
    // Servers that list no endpoints (Nessie 0.99) would otherwise be taken to have no views.
    properties.put(prefix + ".view-endpoints-supported", "true");
    properties.put(prefix + ".cache-enabled", "false");
    properties.putAll(storage.icebergProperties(prefix + "."));
    return properties;
  }

  /**
   * GETs {@code uri} and returns the status code, or fails with a message naming the field that holds the address and
   * what to do.
   */
  static int get(URI uri, Optional<Secret> token, String what, String field) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    token.ifPresent(value -> request.header("Authorization", "Bearer " + value.value()));
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw unreachable(what, uri, field, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(what, uri, field, e);
    }
  }

  /** A failure that says the server did not answer, if that is what {@code failure} is at its root. */
  static Optional<TidemarkException> explainUnreachable(Throwable failure, String describe, String field) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return Optional.of(new TidemarkException(ErrorCode.CATALOG_UNREACHABLE, "Lost the connection to " + describe
            + " (" + cause.getMessage() + "). Fix: check that the server runs and that " + field + " is right, then "
            + "run again", failure));
      }
    }
    return Optional.empty();
  }

  private static TidemarkException unreachable(String what, URI uri, String field, Exception cause) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new TidemarkException(ErrorCode.CATALOG_UNREACHABLE, "Cannot reach " + what + " at " + uri + " (" + reason
        + "). Fix: start the server (deploy/local/start --nessie starts one on this machine) or correct " + field
        + " in the catalog file", cause);
  }
}
