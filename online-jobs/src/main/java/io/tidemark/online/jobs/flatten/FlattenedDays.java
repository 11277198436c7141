package io.tidemark.online.jobs.flatten;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.api.time.Day;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the log table holds of each day: the fingerprint of the raw files it was flattened from. Stored as a JSON
 * object in the log table's property {@link #PROPERTY}, so a rerun knows which days have new raw data.
 */
public record FlattenedDays(SortedMap<Day, String> fingerprints) {
  /** The table property of the log table that holds the fingerprints. */
  public static final String PROPERTY = "tidemark.log-flattened";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public FlattenedDays {
    fingerprints = Collections.unmodifiableSortedMap(new TreeMap<>(fingerprints));
  }

  public static FlattenedDays none() {
    return new FlattenedDays(new TreeMap<>());
  }

  public Optional<String> fingerprint(Day day) {
    return Optional.ofNullable(fingerprints.get(day));
  }

  /** These days with {@code flattened} recorded over them. */
  public FlattenedDays with(Map<Day, String> flattened) {
    SortedMap<Day, String> merged = new TreeMap<>(fingerprints);
    merged.putAll(flattened);
    return new FlattenedDays(merged);
  }

  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    fingerprints.forEach((day, fingerprint) -> root.put(day.toString(), fingerprint));
    return root.toString();
  }

  /** @param table the table the property is read from, for messages */
  public static FlattenedDays fromJson(String json, String table) {
    try {
      JsonNode root = MAPPER.readTree(json);
      SortedMap<Day, String> fingerprints = new TreeMap<>();
      root.fields().forEachRemaining(day -> fingerprints.put(Day.parse(day.getKey()), day.getValue().asText()));
      return new FlattenedDays(fingerprints);
    } catch (JsonProcessingException e) {
      throw unreadable(table, e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw unreadable(table, e.getMessage(), e);
    }
  }

  private static IllegalStateException unreadable(String table, String reason, Exception cause) {
    return new IllegalStateException("Cannot read property " + PROPERTY + " of " + table + ": " + reason
        + ". Fix: remove the property to flatten every day again", cause);
  }
}
