package io.tidemark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints rows of plain Java values (see {@link SparkValues}) as a table for people, JSON lines or CSV. JSON lines and
 * CSV are written row by row as the rows come, so a result of any size streams; a table reads at most the rows it
 * shows (plus one, to tell whether there are more), since it aligns its columns.
 */
final class RowPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RowPrinter() {}

  /** Prints {@code rows}; returns whether the table format left rows out. */
  static boolean print(List<String> columns, Iterator<List<Object>> rows, OutputFormat format, int maxRows,
      PrintWriter out) {
    boolean truncated = switch (format) {
      case TABLE -> table(columns, rows, maxRows, out);
      case JSONL -> jsonLines(columns, rows, out);
      case CSV -> csv(columns, rows, out);
    };
    out.flush();
    return truncated;
  }

  private static boolean table(List<String> columns, Iterator<List<Object>> rows, int maxRows, PrintWriter out) {
    int[] widths = columns.stream().mapToInt(String::length).toArray();
    List<List<String>> cells = new ArrayList<>();
    while (rows.hasNext() && cells.size() < maxRows) {
      List<Object> row = rows.next();
      List<String> line = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        String cell = text(row.get(i));
        widths[i] = Math.max(widths[i], cell.length());
        line.add(cell);
      }
      cells.add(line);
    }
    boolean truncated = rows.hasNext();
    out.println(line(columns, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    cells.forEach(line -> out.println(line(line, widths)));
    out.printf("(%d row%s)%n", cells.size(), cells.size() == 1 ? "" : "s");
    return truncated;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(i == 0 ? "" : " | ").append(String.format("%-" + Math.max(1, widths[i]) + "s", cells.get(i)));
    }
    return line.toString().stripTrailing();
  }

  private static boolean jsonLines(List<String> columns, Iterator<List<Object>> rows, PrintWriter out) {
    while (rows.hasNext()) {
      List<Object> row = rows.next();
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        object.put(columns.get(i), row.get(i));
      }
      out.println(json(object));
    }
    return false;
  }

  /** RFC 4180 CSV: a header row, fields quoted where they hold a comma, quote, CR or LF; NULL as an empty field. */
  private static boolean csv(List<String> columns, Iterator<List<Object>> rows, PrintWriter out) {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setQuoteEscapingEnabled(true);
    settings.setQuotationTriggers('\r', '\n');
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setNullValue("");
    CsvWriter writer = new CsvWriter(out, settings);
    writer.writeHeaders(columns);
    while (rows.hasNext()) {
      writer.writeRow(rows.next().stream().map(value -> value == null ? null : text(value)).toArray());
    }
    writer.flush();
    return false;
  }

  /** A value as JSON text. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A value as text: NULL for null, lists as [a, b], maps as {k: v}. */
  static String text(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(RowPrinter::text).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(entry -> text(entry.getKey()) + ": " + text(entry.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return value.toString();
  }
}
