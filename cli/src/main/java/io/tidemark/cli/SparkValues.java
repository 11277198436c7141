package io.tidemark.cli;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's values as plain Java for printing: strings, numbers, booleans, lists, maps (for maps and structs) and null.
 * Dates and times become ISO 8601 text ({@code 2023-08-28}, {@code 2023-08-28T10:15:30Z}), binary becomes base64.
 */
final class SparkValues {
  private SparkValues() {}

  static List<Object> ofRow(Row row) {
    List<Object> values = new ArrayList<>(row.length());
    for (int i = 0; i < row.length(); i++) {
      values.add(of(row.get(i)));
    }
    return values;
  }

  static Object of(Object value) {
    if (value instanceof Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof LocalDate || value instanceof Instant || value instanceof LocalDateTime) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Seq<?> seq) {
      List<Object> list = new ArrayList<>();
      CollectionConverters.asJava(seq).forEach(element -> list.add(of(element)));
      return list;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> java = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((key, element) -> java.put(of(key), of(element)));
      return java;
    }
    if (value instanceof Row struct) {
      Map<Object, Object> java = new LinkedHashMap<>();
      for (int i = 0; i < struct.length(); i++) {
        java.put(struct.schema().fields()[i].name(), of(struct.get(i)));
      }
      return java;
    }
    return value;
  }
}
