package io.tidemark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints query results. Values are plain Java: strings, numbers, booleans, lists (arrays), maps (maps and structs) and
 * null.
 */
final class ResultPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultPrinter() {}

  static void print(List<String> columns, List<List<Object>> rows, OutputFormat format, PrintWriter out) {
    switch (format) {
      case TABLE -> table(columns, rows, out);
      case JSONL -> jsonLines(columns, rows, out);
      case CSV -> csv(columns, rows, out);
    }
    out.flush();
  }

  private static void table(List<String> columns, List<List<Object>> rows, PrintWriter out) {
    int[] widths = columns.stream().mapToInt(String::length).toArray();
    List<List<String>> cells = new ArrayList<>();
    for (List<Object> row : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        String cell = text(row.get(i));
        widths[i] = Math.max(widths[i], cell.length());
        line.add(cell);
      }
      cells.add(line);
    }
    out.println(line(columns, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    cells.forEach(line -> out.println(line(line, widths)));
    out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(i == 0 ? "" : " | ").append(String.format("%-" + Math.max(1, widths[i]) + "s", cells.get(i)));
    }
    return line.toString().stripTrailing();
  }

  private static void jsonLines(List<String> columns, List<List<Object>> rows, PrintWriter out) {
    for (List<Object> row : rows) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        object.put(columns.get(i), row.get(i));
      }
      try {
        out.println(JSON.writeValueAsString(object));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void csv(List<String> columns, List<List<Object>> rows, PrintWriter out) {
    out.println(columns.stream().map(ResultPrinter::csvCell).collect(Collectors.joining(",")));
    for (List<Object> row : rows) {
      out.println(row.stream().map(value -> value == null ? "" : csvCell(text(value))).collect(Collectors.joining(",")));
    }
  }

  /** A value as text: NULL for null, lists as [a, b], maps as {k: v}. */
  static String text(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ResultPrinter::text).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(entry -> text(entry.getKey()) + ": " + text(entry.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return value.toString();
  }

  private static String csvCell(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
