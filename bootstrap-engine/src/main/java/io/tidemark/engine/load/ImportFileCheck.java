package io.tidemark.engine.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a CSV or JSON-lines file line by line before Spark does, to refuse a malformed record with its line number
 * before anything is created. Spark would find it too, but only inside the job that writes, where it fails with a task
 * error and a long stack trace that names neither the file's line nor what is wrong with it.
 *
 * <p>Lines are what Spark reads as records here (a CSV value cannot span lines without its {@code multiLine} option,
 * which import does not set); blank lines are skipped, as Spark skips them. CSV lines are split by the parser Spark
 * itself uses, with Spark's default quote and escape.
 */
final class ImportFileCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Spark's own limit on CSV columns ({@code maxColumns}). */
  private static final int MAX_COLUMNS = 20_480;

  private ImportFileCheck() {}

  /** Refuses the first malformed record of {@code file} (or of the part files of a folder) in {@code format}. */
  static void check(Path file, FileFormat format) {
    if (format == FileFormat.PARQUET) {
      return;
    }
    for (Path part : parts(file)) {
      switch (format) {
        case CSV -> checkCsv(part);
        case JSONL -> checkJsonLines(part);
        case PARQUET -> { }
      }
    }
  }

  private static void checkCsv(Path file) {
    CsvParser parser = new CsvParser(csvSettings());
    String[] header = null;
    try (Lines lines = new Lines(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = parser.parseLine(line);
        if (header == null) {
          header = fields;
        } else if (fields.length != header.length) {
          throw malformed("line " + lines.number() + " of " + file + " has " + fields.length + " field(s), but its "
                  + "header has " + header.length + " (" + String.join(", ", header) + ")",
              "give every line the header's fields, and quote a value that holds a comma (\"a,b\")");
        }
      }
    }
    if (header == null) {
      throw malformed(file + " has no header line (it is empty)",
          "start the file with a line naming its columns, e.g. user_id,price,ts,ds");
    }
  }

  private static void checkJsonLines(Path file) {
    try (Lines lines = new Lines(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (line.isBlank()) {
          continue;
        }
        Optional<String> problem = jsonProblem(line);
        if (problem.isPresent()) {
          throw malformed("line " + lines.number() + " of " + file + " " + problem.get(),
              "write one JSON object per line, e.g. {\"user_id\": \"u1\", \"ds\": \"2023-11-01\"}");
        }
      }
    }
  }

  /**
   * What is wrong with one line of JSON lines, if anything: Spark takes an object, or an array of objects, per line.
   */
  private static Optional<String> jsonProblem(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return Optional.of("is not valid JSON (" + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()) + ")");
    }
    boolean records = node.isObject() || (node.isArray() && !node.isEmpty()
        && StreamSupport.stream(node.spliterator(), false).allMatch(JsonNode::isObject));
    return records ? Optional.empty() : Optional.of("is " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " "
        + abbreviated(line) + ", not a JSON object");
  }

  private static String abbreviated(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** The file itself, or the files of a folder that Spark reads: those whose names do not start with _ or a dot. */
  private static List<Path> parts(Path file) {
    if (!Files.isDirectory(file)) {
      return List.of(file);
    }
    try (Stream<Path> files = Files.list(file)) {
      return files.filter(Files::isRegularFile)
          .filter(part -> !part.getFileName().toString().startsWith("_")
              && !part.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A file's lines, split as Hadoop's line reader splits them (at LF, CR or CRLF) and each decoded as UTF-8 on its
   * own, so that a byte that is not UTF-8 is reported on its own line.
   */
  private static final class Lines implements AutoCloseable {
    private final Path file;
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long number;
    private int pending = -1;

    Lines(Path file) {
      this.file = file;
      try {
        this.in = new BufferedInputStream(Files.newInputStream(file));
      } catch (IOException e) {
        throw unreadable(file, e);
      }
    }

    /** The next line, or null at the end of the file. */
    String next() {
      line.reset();
      try {
        int b = pending >= 0 ? pending : in.read();
        pending = -1;
        if (b < 0) {
          return null;
        }
        number++;
        while (b >= 0 && b != '\n' && b != '\r') {
          line.write(b);
          b = in.read();
        }
        if (b == '\r') {
          int after = in.read();
          pending = after == '\n' ? -1 : after;
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.toByteArray())).toString();
      } catch (CharacterCodingException e) {
        throw malformed("line " + number + " of " + file + " is not UTF-8 text", "save the file as UTF-8");
      } catch (IOException e) {
        throw unreadable(file, e);
      }
    }

    long number() {
      return number;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw unreadable(file, e);
      }
    }
  }

  private static CsvParserSettings csvSettings() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(',');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('\\');
    settings.getFormat().setComment('\0');
    settings.setMaxColumns(MAX_COLUMNS);
    settings.setMaxCharsPerColumn(-1);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    return settings;
  }

  private static TidemarkException unreadable(Path file, IOException e) {
    return new TidemarkException(ErrorCode.INVALID_IMPORT_FILE, "Cannot import: cannot read " + file + ": " + e
        + ". Fix: check the file and its permissions", e);
  }

  private static TidemarkException malformed(String problem, String fix) {
    return new TidemarkException(ErrorCode.INVALID_IMPORT_FILE, "Cannot import: " + problem + ". Fix: " + fix
        + "; nothing was imported");
  }
}
