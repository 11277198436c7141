package io.tidemark.online.jobs.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark values as the online loop's JSON (the contract's encoding by Spark type): strings, numbers, booleans, arrays,
 * string-keyed maps as objects, dates as {@code yyyy-MM-dd}; NaN and infinities, which JSON cannot hold, as null.
 */
final class SparkJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SparkJson() {}

  static JsonNode of(Object value, DataType type) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return Double.isFinite(number) ? NODES.numberNode(number) : NODES.nullNode();
    }
    if (value instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    if (value instanceof Boolean flag) {
      return NODES.booleanNode(flag);
    }
    if (value instanceof Date date) {
      return NODES.textNode(date.toLocalDate().toString());
    }
    if (value instanceof LocalDate date) {
      return NODES.textNode(date.toString());
    }
    if (value instanceof Timestamp time) {
      return NODES.numberNode(time.getTime());
    }
    if (value instanceof Instant time) {
      return NODES.numberNode(time.toEpochMilli());
    }
    if (type instanceof ArrayType array) {
      ArrayNode node = NODES.arrayNode();
      for (Object element : elements(value)) {
        node.add(of(element, array.elementType()));
      }
      return node;
    }
    if (type instanceof MapType map) {
      ObjectNode node = NODES.objectNode();
      for (Map.Entry<?, ?> entry : entries(value).entrySet()) {
        node.set(String.valueOf(entry.getKey()), of(entry.getValue(), map.valueType()));
      }
      return node;
    }
    throw new IllegalArgumentException("Cannot serve a value of Spark type " + type.catalogString()
        + ": the online store holds strings, numbers, booleans, dates, arrays and maps");
  }

  /** A key component as {@code KeyCodec} takes it. */
  static Object keyComponent(Object value) {
    if (value instanceof Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    return value;
  }

  private static Iterable<?> elements(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof scala.collection.Iterable<?> seq) {
      return CollectionConverters.asJava(seq);
    }
    throw new IllegalArgumentException("Cannot read an array from " + value.getClass().getName());
  }

  private static Map<?, ?> entries(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      return CollectionConverters.asJava(map);
    }
    throw new IllegalArgumentException("Cannot read a map from " + value.getClass().getName());
  }
}
