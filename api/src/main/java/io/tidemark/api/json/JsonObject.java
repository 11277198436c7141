package io.tidemark.api.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.ThriftEnum;
import io.tidemark.api.validation.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A JSON object being bound to a definition, at a known path in a known file. Every accessor reports what is wrong
 * (missing, wrong type, unknown enum value) to the shared {@link Problems} and returns null, so reading goes on and
 * one pass finds every problem. {@link #finish} warns about fields nobody read.
 */
final class JsonObject {
  private final JsonNode node;
  private final Location at;
  private final Problems problems;
  private final Set<String> read = new HashSet<>();

  JsonObject(JsonNode node, Location at, Problems problems) {
    this.node = requireNonNull(node, "node is null");
    this.at = requireNonNull(at, "at is null");
    this.problems = requireNonNull(problems, "problems is null");
  }

  /** Where this object is: the location the rules of what it binds to report from. */
  Location at() {
    return at;
  }

  Problems problems() {
    return problems;
  }

  /** The location of a field of this object, e.g. {@code joinParts[0].prefix}. */
  Location at(String field) {
    return at.field(field);
  }

  boolean has(String field) {
    read.add(field);
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** True when the field holds an empty JSON array. */
  boolean isEmptyList(String field) {
    JsonNode value = node.get(field);
    return value != null && value.isArray() && value.isEmpty();
  }

  /** How many elements the field's list holds, or 0 when it is not a list. */
  int size(String field) {
    JsonNode value = node.get(field);
    return value != null && value.isArray() ? value.size() : 0;
  }

  /** Records an error at a field of this object. */
  void error(ErrorCode code, String field, String message, String fix) {
    problems.error(code, at(field), message, fix);
  }

  /** Records a warning at a field of this object. */
  void warning(String field, String message) {
    problems.warning(at(field), message);
  }

  /** Records an error about this object as a whole. */
  void error(ErrorCode code, String message, String fix) {
    problems.error(code, at, message, fix);
  }

  String string(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      error(ErrorCode.WRONG_VALUE_TYPE, field, "expected a string, got " + describe(value),
          "write the value in double quotes");
      return null;
    }
    return value.asText();
  }

  String requiredString(String field, String fix) {
    String value = string(field);
    if (value == null && !has(field)) {
      error(ErrorCode.MISSING_FIELD, field, "is required", fix);
    } else if (value != null && value.isBlank()) {
      error(ErrorCode.MISSING_FIELD, field, "must not be blank", fix);
      return null;
    }
    return value;
  }

  Integer integer(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return value.intValue();
    }
    if (value.isTextual()) {
      try {
        return Integer.parseInt(value.asText().trim());
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    error(ErrorCode.WRONG_VALUE_TYPE, field, "expected an integer, got " + describe(value),
        "write a whole number such as 30");
    return null;
  }

  /** A boolean; Chronon's compiled confs also write 0 and 1. */
  boolean bool(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && (value.intValue() == 0 || value.intValue() == 1)) {
      return value.intValue() == 1;
    }
    error(ErrorCode.WRONG_VALUE_TYPE, field, "expected true or false, got " + describe(value),
        "write true or false (or 1 or 0)");
    return false;
  }

  List<String> stringList(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      error(ErrorCode.WRONG_VALUE_TYPE, field, "expected a list of strings, got " + describe(value),
          "write a JSON array such as [\"user_id\"]");
      return null;
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (element.isTextual()) {
        strings.add(element.asText());
      } else {
        problems.error(ErrorCode.WRONG_VALUE_TYPE, at(field).index(i), "expected a string, got "
            + describe(element),
            "write the value in double quotes");
      }
    }
    return Collections.unmodifiableList(strings);
  }

  /**
   * Reports each of {@code names}, read from {@code field}, that generated SQL could not quote safely: a name with a
   * backtick, a double quote or a control character could end its quotes and run as SQL.
   *
   * @param what what the names are, for people, e.g. {@code column} or {@code table}
   */
  void checkNames(String field, Collection<String> names, String what) {
    for (String name : names) {
      if (name.chars().anyMatch(c -> c == '`' || c == '"' || Character.isISOControl(c))) {
        error(ErrorCode.INVALID_VALUE, field, "the " + what + " name " + name.replace("\n", "\\n")
            + " holds a backtick, a double quote or a "
            + "control character, which could end its quotes in the SQL Tidemark generates",
            "use letters, digits and _ in " + what + " names");
      }
    }
  }

  /** A string-to-string map, in the order written (selects and key mappings are ordered). */
  Map<String, String> stringMap(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      error(ErrorCode.WRONG_VALUE_TYPE, field, "expected an object of strings, got " + describe(value),
          "write a JSON object such as {\"user_id\": \"user_id\"}");
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode element = entry.getValue();
      if (element.isTextual() || element.isNumber() || element.isBoolean()) {
        map.put(entry.getKey(), element.asText());
      } else {
        problems.error(ErrorCode.WRONG_VALUE_TYPE, at(field).field(entry.getKey()),
            "expected a string, got " + describe(element),
            "write the value in double quotes");
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /** A nested object, or null when absent or of the wrong type. */
  JsonObject object(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      error(ErrorCode.WRONG_VALUE_TYPE, field, "expected an object, got " + describe(value),
          "write a JSON object { ... }");
      return null;
    }
    return new JsonObject(value, at(field), problems);
  }

  /** A list of objects bound by {@code reader}; elements that failed to bind are left out. */
  <T> List<T> objects(String field, Function<JsonObject, T> reader) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      error(ErrorCode.WRONG_VALUE_TYPE, field, "expected a list, got " + describe(value), "write a JSON array [ ... ]");
      return null;
    }
    List<T> bound = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      Location elementAt = at(field).index(i);
      if (!element.isObject()) {
        problems.error(ErrorCode.WRONG_VALUE_TYPE, elementAt, "expected an object, got " + describe(element),
            "write a JSON object { ... }");
        continue;
      }
      T result = reader.apply(new JsonObject(element, elementAt, problems));
      if (result != null) {
        bound.add(result);
      }
    }
    return Collections.unmodifiableList(bound);
  }

  /** An enum given by name (any case) or by Chronon's thrift number. */
  <E extends Enum<E> & ThriftEnum> E enumValue(String field, Class<E> type) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    E[] constants = type.getEnumConstants();
    if (value.isIntegralNumber()) {
      for (E constant : constants) {
        if (constant.thriftId() == value.intValue()) {
          return constant;
        }
      }
    } else if (value.isTextual()) {
      String name = value.asText().trim().toUpperCase(Locale.ROOT);
      for (E constant : constants) {
        if (constant.name().equals(name)) {
          return constant;
        }
      }
    }
    int maxId = Arrays.stream(constants).mapToInt(ThriftEnum::thriftId).max().orElse(0);
    String names = Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
    error(ErrorCode.UNKNOWN_ENUM_VALUE, field, "unknown " + type.getSimpleName() + " " + value,
        "use one of " + names + ", or its thrift number (0-" + maxId + ")");
    return null;
  }

  /** Marks fields that Chronon confs carry but that do not change what Tidemark computes. */
  void ignore(String... fields) {
    read.addAll(Arrays.asList(fields));
  }

  /**
   * Rejects a field that changes results but that Tidemark does not handle yet, so that it is never silently
   * dropped. Empty lists and objects count as absent.
   *
   * @param fix what the user can do instead, which must work without the field
   */
  void unsupported(String field, String what, String fix) {
    JsonNode value = value(field);
    if (value != null && !(value.isContainerNode() && value.isEmpty())) {
      error(ErrorCode.UNSUPPORTED_FEATURE, field, what + " is not supported by this version of Tidemark", fix);
    }
  }

  /** Warns about every field of this object that no accessor read, with a guess when one is close. */
  void finish() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!read.contains(field)) {
        String guess = closest(field, read);
        problems.warning(at(field),
            "unknown field, ignored" + (guess == null ? "" : " (did you mean \"" + guess + "\"?)"));
      }
    }
  }

  private JsonNode value(String field) {
    read.add(field);
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "the string " + value;
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "an object";
    }
    return value.toString();
  }

  private static String closest(String field, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int distance = editDistance(field.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
