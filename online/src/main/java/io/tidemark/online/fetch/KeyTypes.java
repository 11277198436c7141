package io.tidemark.online.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.api.time.PartitionDates;

/**
 * Checks a request's key value against the key's Spark type and turns it into what {@code KeyCodec} encodes. Values
 * must have the key's own JSON type: a string key takes a JSON string ({@code "5"}, as Chronon's {@code -k
 * '{"user_id":"5"}'} writes it), an integer key a JSON integer. Converting between the two is refused, because
 * {@code "05"} and {@code 5} would silently name different users.
 */
final class KeyTypes {
  private KeyTypes() {}

  /** The key component for {@code value} of field {@code name} of type {@code type}; null for JSON null or absent. */
  static Object convert(String name, String type, JsonNode value, String owner) {
    if (value == null || value.isNull()) {
      return null;
    }
    switch (type) {
      case "string":
        if (value.isTextual()) {
          return value.textValue();
        }
        // A number or boolean is shown quoted; an object or list has no such text.
        throw wrongType(name, type, value, owner, "a JSON string, e.g. \"" + (value.isValueNode() ? value.asText()
            : "5") + "\"");
      case "bigint":
        return integer(name, type, value, owner, Long.MIN_VALUE, Long.MAX_VALUE);
      case "int":
        return integer(name, type, value, owner, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case "smallint":
        return integer(name, type, value, owner, Short.MIN_VALUE, Short.MAX_VALUE);
      case "tinyint":
        return integer(name, type, value, owner, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case "double":
      case "float":
        if (value.isNumber()) {
          return value.doubleValue();
        }
        throw wrongType(name, type, value, owner, "a JSON number, e.g. 1.5");
      case "boolean":
        if (value.isBoolean()) {
          return value.booleanValue();
        }
        throw wrongType(name, type, value, owner, "true or false");
      case "date":
        if (value.isTextual() && PartitionDates.isValid(value.textValue())) {
          return value.textValue();
        }
        throw wrongType(name, type, value, owner, "a day as a JSON string, e.g. \"2023-11-30\"");
      default:
        throw new FetchException(FetchError.WRONG_KEY_TYPE, "Key \"" + name + "\" of " + owner + " has type " + type
            + ", which fetches do not support as a key. Fix: key the definition by a string or integer column");
    }
  }

  private static Long integer(String name, String type, JsonNode value, String owner, long min, long max) {
    if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= min && value.longValue() <= max) {
      return value.longValue();
    }
    String example = value.isTextual() && value.textValue().matches("-?[0-9]+") ? value.textValue() : "1042";
    throw wrongType(name, type, value, owner, "a JSON integer between " + min + " and " + max + " without quotes, "
        + "e.g. " + example);
  }

  private static FetchException wrongType(String name, String type, JsonNode value, String owner, String wanted) {
    return new FetchException(FetchError.WRONG_KEY_TYPE, "Key \"" + name + "\" of " + owner + " has type " + type
        + ", but the request gave " + value + ". Fix: give " + wanted);
  }
}
