package io.tidemark.online.log;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.online.metadata.JoinServingInfo;
import io.tidemark.online.metadata.RequestField;
import io.tidemark.online.metadata.ServingField;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A version of a join's logging schema: the request's key fields and the join's value columns, with types. Its hash
 * is the first 16 hex digits of SHA-256 over the compact JSON {@code {"join":..,"keys":[..],"values":[..]}}.
 */
public record LogSchema(String join, List<ServingField> keys, List<ServingField> values, String hash) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public LogSchema {
    requireNonNull(join, "join is null");
    keys = List.copyOf(keys);
    values = List.copyOf(values);
    requireNonNull(hash, "hash is null");
  }

  /** The logging schema of a join as its serving metadata describes it now. */
  public static LogSchema of(JoinServingInfo join) {
    List<ServingField> keys = join.requestFields().stream().map(RequestField::field).toList();
    return of(join.name(), keys, join.valueFields());
  }

  public static LogSchema of(String join, List<ServingField> keys, List<ServingField> values) {
    ObjectNode hashed = JSON.createObjectNode();
    hashed.put("join", join);
    hashed.set("keys", fields(keys));
    hashed.set("values", fields(values));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(JSON.writeValueAsString(hashed).getBytes(StandardCharsets.UTF_8));
      return new LogSchema(join, keys, values, HexFormat.of().formatHex(digest).substring(0, 16));
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("Cannot hash the logging schema of " + join, e);
    }
  }

  /** The schema file's content: join, hash, key and value fields, and when it was published. */
  byte[] fileContent(long publishedAt) {
    ObjectNode file = JSON.createObjectNode();
    file.put("join", join);
    file.put("schema_hash", hash);
    file.set("keys", fields(keys));
    file.set("values", fields(values));
    file.put("published_at", publishedAt);
    try {
      return JSON.writeValueAsBytes(file);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ArrayNode fields(List<ServingField> fields) {
    ArrayNode array = JSON.createArrayNode();
    for (ServingField field : fields) {
      array.addObject().put("name", field.name()).put("type", field.type());
    }
    return array;
  }
}
