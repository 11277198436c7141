package io.tidemark.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.api.ErrorCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Chronon's {@code metaData.customJson}: a JSON object in a string. Its {@code additional_args} are the arguments
 * Chronon's runner adds to a backfill's command line; Tidemark understands {@code --step-days N} (the days per step,
 * which {@code --step-days} on the command line overrides) and warns about the others. The rest of customJson (tags,
 * lag, consistency flags, environment) does not change what a backfill computes.
 */
final class CustomJson {
  static final String STEP_DAYS = "--step-days";
  private static final String ADDITIONAL_ARGS = "additional_args";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CustomJson() {}

  /** The days per step that {@code metaData}'s customJson asks for, or null; problems go to the object's file. */
  static Integer stepDays(JsonObject metaData) {
    String text = metaData.string("customJson");
    if (text == null || text.isBlank()) {
      return null;
    }
    JsonNode custom;
    try {
      custom = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      metaData.warning("customJson", "is not JSON (" + e.getOriginalMessage() + "); ignored");
      return null;
    }
    JsonNode arguments = custom == null ? null : custom.get(ADDITIONAL_ARGS);
    if (arguments == null || arguments.isNull()) {
      return null;
    }
    List<String> tokens = tokens(arguments);
    Integer stepDays = null;
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      String value = null;
      if (token.equals(STEP_DAYS) && i + 1 < tokens.size()) {
        value = tokens.get(++i);
      } else if (token.startsWith(STEP_DAYS + "=")) {
        value = token.substring(STEP_DAYS.length() + 1);
      } else {
        metaData.warning("customJson." + ADDITIONAL_ARGS, token + " is not an argument Tidemark understands; "
            + "ignored (Tidemark takes " + STEP_DAYS + " N from here)");
        continue;
      }
      stepDays = parseDays(value);
      if (stepDays == null) {
        metaData.error(ErrorCode.INVALID_VALUE, "customJson." + ADDITIONAL_ARGS, STEP_DAYS + " " + value
            + " is not a number of days",
            "give a whole number of 1 or more, e.g. \"" + STEP_DAYS + " 14\"");
      }
    }
    return stepDays;
  }

  /** The arguments as Chronon's runner passes them: a list joined by spaces, or an object's keys. */
  private static List<String> tokens(JsonNode arguments) {
    List<String> tokens = new ArrayList<>();
    if (arguments.isArray()) {
      arguments.forEach(argument -> split(argument.asText(), tokens));
    } else if (arguments.isObject()) {
      for (Iterator<String> names = arguments.fieldNames(); names.hasNext(); ) {
        split(names.next(), tokens);
      }
    } else {
      split(arguments.asText(), tokens);
    }
    return tokens;
  }

  private static void split(String text, List<String> tokens) {
    for (String token : text.trim().split("\\s+")) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
  }

  private static Integer parseDays(String text) {
    try {
      int days = Integer.parseInt(text.trim());
      return days >= 1 ? days : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
