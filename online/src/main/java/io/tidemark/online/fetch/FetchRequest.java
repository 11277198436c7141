package io.tidemark.online.fetch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.api.time.EventTimes;
import java.util.OptionalLong;

/** A fetch: the key fields as JSON values, and the request time in epoch milliseconds (now when absent). */
public record FetchRequest(ObjectNode keys, OptionalLong ts) {
  /** A request body, for the fixes of error messages. */
  public static final String EXAMPLE = "{\"keys\": {\"user_id\": \"5\"}, \"ts\": 1701388800000}";
  private static final ObjectMapper JSON = new ObjectMapper();

  public FetchRequest {
    requireNonNull(keys, "keys is null");
    requireNonNull(ts, "ts is null");
  }

  /** Reads an HTTP request body: {@code {"keys": {...}, "ts": <optional epoch millis>}}. */
  public static FetchRequest parseBody(String body) {
    JsonNode root = parse(body, "The request body");
    if (!root.isObject()) {
      throw malformed("The request body must be a JSON object. Fix: send " + EXAMPLE);
    }
    JsonNode keys = root.get("keys");
    if (keys == null || !keys.isObject()) {
      throw malformed("The request body has no \"keys\" object. Fix: send " + EXAMPLE);
    }
    JsonNode ts = root.get("ts");
    if (ts == null || ts.isNull()) {
      return new FetchRequest((ObjectNode) keys, OptionalLong.empty());
    }
    if (!ts.isIntegralNumber() || !ts.canConvertToLong()) {
      throw malformed("\"ts\" must be the request time in epoch milliseconds, an integer, not " + ts
          + ". Fix: send e.g. \"ts\": 1701388800000, or leave it out for now");
    }
    // A time outside the calendar would be logged under a day folder no partition can hold.
    if (!EventTimes.contains(ts.longValue())) {
      throw malformed("\"ts\" " + ts + " is not a request time in epoch milliseconds between "
          + EventTimes.FIRST_DAY + " and " + EventTimes.LAST_DAY + ". Fix: send e.g. \"ts\": 1701388800000, or leave "
          + "it out for now");
    }
    return new FetchRequest((ObjectNode) keys, OptionalLong.of(ts.longValue()));
  }

  /** Reads the keys given on the command line as a JSON object, e.g. {@code {"user_id":"5"}}. */
  public static FetchRequest ofKeys(String keysJson, OptionalLong ts) {
    JsonNode keys = parse(keysJson, "The keys");
    if (!keys.isObject()) {
      throw malformed("The keys must be a JSON object, not " + keys + ". Fix: give e.g. '{\"user_id\":\"5\"}'");
    }
    return new FetchRequest((ObjectNode) keys, ts);
  }

  private static JsonNode parse(String text, String what) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw malformed(what + " is empty. Fix: send " + EXAMPLE);
      }
      return node;
    } catch (StreamConstraintsException e) {
      // Too deep, too long a number or string: Jackson names its own setting, which means nothing to a caller.
      throw malformed(what + " is refused: " + e.getOriginalMessage().replaceAll(",? from `[^`]*`", "")
          + ". Fix: send " + EXAMPLE);
    } catch (JsonProcessingException e) {
      throw malformed(what + " is not valid JSON (" + e.getOriginalMessage() + (e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()) + "). Fix: send "
          + EXAMPLE);
    }
  }

  private static FetchException malformed(String message) {
    return new FetchException(FetchError.MALFORMED_REQUEST, message);
  }
}
