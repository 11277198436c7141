package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Prints a Spark result with {@link ResultPrinter}: every row in jsonl and csv, at most a given number in table format
 * (only that many, plus one to tell, are collected).
 */
final class DatasetPrinter {
  private DatasetPrinter() {}

  /** Refuses a {@code --max-rows} that is no number of rows, before anything runs. */
  static void checkMaxRows(int maxRows) {
    if (maxRows < 1) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT, "--max-rows " + maxRows + " is not a number of "
          + "rows. Fix: pass 1 or more");
    }
  }

  /** Prints {@code rows} to {@code out}; returns whether the table format left rows out. */
  static boolean print(Dataset<Row> rows, OutputFormat format, int maxRows, PrintWriter out) {
    boolean capped = format == OutputFormat.TABLE;
    List<Row> collected = capped ? rows.limit(maxRows + 1).collectAsList() : rows.collectAsList();
    boolean truncated = capped && collected.size() > maxRows;
    List<List<Object>> values = new ArrayList<>();
    for (Row row : truncated ? collected.subList(0, maxRows) : collected) {
      values.add(toJava(row));
    }
    ResultPrinter.print(Arrays.asList(rows.columns()), values, format, out);
    return truncated;
  }

  private static List<Object> toJava(Row row) {
    List<Object> values = new ArrayList<>(row.length());
    for (int i = 0; i < row.length(); i++) {
      values.add(toJava(row.get(i)));
    }
    return values;
  }

  /** Spark's Scala collections and structs as Java lists and maps, for printing. */
  private static Object toJava(Object value) {
    if (value instanceof Seq<?> seq) {
      List<Object> list = new ArrayList<>();
      CollectionConverters.asJava(seq).forEach(element -> list.add(toJava(element)));
      return list;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> java = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((key, element) -> java.put(toJava(key), toJava(element)));
      return java;
    }
    if (value instanceof Row struct) {
      Map<Object, Object> java = new LinkedHashMap<>();
      for (int i = 0; i < struct.length(); i++) {
        java.put(struct.schema().fields()[i].name(), toJava(struct.get(i)));
      }
      return java;
    }
    return value;
  }
}
