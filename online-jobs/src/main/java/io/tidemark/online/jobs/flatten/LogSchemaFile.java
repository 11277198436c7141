package io.tidemark.online.jobs.flatten;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.online.metadata.ServingField;
import java.util.ArrayList;
import java.util.List;

/**
 * One logging schema version of a join, read back from the file {@code <online>/logs/<join>/schemas/<hash>.json} that
 * the serving side's {@code LogSchema} writes before any record carrying its hash.
 *
 * @param publishedAt when the serving side published it, in epoch milliseconds
 */
public record LogSchemaFile(String join, String hash, List<ServingField> keys, List<ServingField> values,
    long publishedAt) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public LogSchemaFile {
    requireNonNull(join, "join is null");
    requireNonNull(hash, "hash is null");
    keys = List.copyOf(keys);
    values = List.copyOf(values);
  }

  /**
   * Reads a schema file's text.
   *
   * @param file where the text comes from, for messages
   * @param expectedHash the hash the file's name gives
   * @param expectedJoin the join whose log folder holds the file
   */
  public static LogSchemaFile parse(String text, String file, String expectedHash, String expectedJoin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(file, "it is not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw invalid(file, "it is not a JSON object");
    }
    String join = text(root, "join", file);
    String hash = text(root, "schema_hash", file);
    if (!hash.equals(expectedHash)) {
      throw invalid(file, "its schema_hash is " + hash + " but its name says " + expectedHash);
    }
    if (!join.equals(expectedJoin)) {
      throw invalid(file, "it is the schema of join " + join + ", not of " + expectedJoin);
    }
    JsonNode published = root.get("published_at");
    if (published == null || !published.canConvertToLong()) {
      throw invalid(file, "published_at is missing or not epoch milliseconds");
    }
    return new LogSchemaFile(join, hash, fields(root, "keys", file), fields(root, "values", file), published.asLong());
  }

  /** The key fields as the schema table stores them: a JSON array of {@code {"name", "type"}}. */
  public String keysJson() {
    return json(keys);
  }

  /** The value fields as the schema table stores them: a JSON array of {@code {"name", "type"}}. */
  public String valuesJson() {
    return json(values);
  }

  private static String json(List<ServingField> fields) {
    ArrayNode array = MAPPER.createArrayNode();
    fields.forEach(field -> array.addObject().put("name", field.name()).put("type", field.type()));
    return array.toString();
  }

  private static List<ServingField> fields(JsonNode root, String name, String file) {
    JsonNode array = root.get(name);
    if (array == null || !array.isArray()) {
      throw invalid(file, name + " is missing or not a list");
    }
    List<ServingField> fields = new ArrayList<>();
    for (JsonNode field : array) {
      JsonNode fieldName = field.get("name");
      JsonNode type = field.get("type");
      if (fieldName == null || !fieldName.isTextual() || type == null || !type.isTextual()) {
        throw invalid(file, name + " has an entry without a text name and type: " + field);
      }
      fields.add(new ServingField(fieldName.asText(), type.asText()));
    }
    return fields;
  }

  private static String text(JsonNode root, String field, String file) {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual()) {
      throw invalid(file, field + " is missing or not a string");
    }
    return node.asText();
  }

  private static TidemarkException invalid(String file, String problem) {
    return new TidemarkException(ErrorCode.MALFORMED_LOG, "Cannot read the log schema file " + file + ": "
        + problem + ". Fix: restore the file the serving side wrote (a schema file is never edited; a new version "
        + "gets a new hash and a new file).");
  }
}
