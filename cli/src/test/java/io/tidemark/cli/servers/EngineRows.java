package io.tidemark.cli.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows from Spark ({@code tidemark sql --format jsonl}) and from Trino (JDBC) in one form, so that the two engines'
 * answers can be compared value for value: integers as longs, floating point as doubles, arrays as lists, maps and
 * rows as sorted maps. Each row becomes the text of its sorted map, and a result the sorted list of its rows.
 */
final class EngineRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineRows() {}

  /** The rows of the JSON lines in {@code output}; other lines (logs, headings) are skipped. */
  static List<String> fromJsonLines(String output) {
    List<String> rows = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("{")) {
        try {
          rows.add(String.valueOf(fromJson(JSON.readTree(line))));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    rows.sort(null);
    return rows;
  }

  static List<String> fromTrino(ResultSet result) throws SQLException {
    ResultSetMetaData columns = result.getMetaData();
    List<String> rows = new ArrayList<>();
    while (result.next()) {
      Map<String, Object> row = new TreeMap<>();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        row.put(columns.getColumnLabel(i), fromJdbc(result.getObject(i)));
      }
      rows.add(String.valueOf(row));
    }
    rows.sort(null);
    return rows;
  }

  private static Object fromJson(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(fromJson(element)));
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        map.put(field.getKey(), fromJson(field.getValue()));
      }
      return map;
    }
    return node.asText();
  }

  private static Object fromJdbc(Object value) throws SQLException {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof Double) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Array array) {
      List<Object> list = new ArrayList<>();
      for (Object element : (Object[]) array.getArray()) {
        list.add(fromJdbc(element));
      }
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        sorted.put(String.valueOf(entry.getKey()), fromJdbc(entry.getValue()));
      }
      return sorted;
    }
    return value;
  }
}
