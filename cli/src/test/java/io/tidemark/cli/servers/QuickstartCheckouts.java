package io.tidemark.cli.servers;

import io.tidemark.examples.QuickstartData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The quickstart's checkouts (the join's left) counted per day straight from the generated CSV file: what a join
 * output must hold, one row per checkout, worked out without any engine.
 */
final class QuickstartCheckouts {
  private QuickstartCheckouts() {}

  /** Rows per {@code ds} of the checkouts the generator writes (deterministic for its default seed). */
  static Map<String, Long> perDay(Path scratch) {
    Path file = QuickstartData.generate(scratch, QuickstartData.DEFAULT_SEED).stream()
        .filter(table -> table.name().equals("data.checkouts"))
        .findFirst().orElseThrow().file();
    try (Stream<String> lines = Files.lines(file)) {
      Map<String, Long> days = new TreeMap<>();
      lines.skip(1).forEach(line -> days.merge(line.substring(line.lastIndexOf(',') + 1), 1L, Long::sum));
      return days;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long total(Map<String, Long> perDay) {
    return perDay.values().stream().mapToLong(Long::longValue).sum();
  }
}
