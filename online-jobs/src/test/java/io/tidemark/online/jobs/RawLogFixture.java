package io.tidemark.online.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes a join's raw request log by hand, laid out as the online contract says, for tests. */
public final class RawLogFixture {
  private final Path onlineDir;
  private final String join;

  public RawLogFixture(Path onlineDir, String join) {
    this.onlineDir = onlineDir;
    this.join = join;
  }

  public Path onlineDir() {
    return onlineDir;
  }

  public Path folder() {
    return onlineDir.resolve("logs").resolve(join);
  }

  /** Writes schema version {@code hash} with fields given as JSON arrays of {"name", "type"}. */
  public void schema(String hash, String keys, String values, long publishedAt) {
    write(folder().resolve("schemas").resolve(hash + ".json"), "{\"join\":\"" + join + "\",\"schema_hash\":\"" + hash
        + "\",\"keys\":" + keys + ",\"values\":" + values + ",\"published_at\":" + publishedAt + "}", false);
  }

  /** Appends {@code lines} (each ended by a newline) to segment {@code segment} of day {@code ds}. */
  public void append(String ds, String segment, String... lines) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    write(folder().resolve("ds=" + ds).resolve(segment), text.toString(), true);
  }

  /** Appends {@code text} as it is, e.g. a line torn by a crash (no newline). */
  public void appendRaw(String ds, String segment, String text) {
    write(folder().resolve("ds=" + ds).resolve(segment), text, true);
  }

  /** One record line. */
  public static String record(String hash, long ts, String keys, String values) {
    return "{\"schema_hash\":\"" + hash + "\",\"ts\":" + ts + ",\"keys\":" + keys + ",\"values\":" + values + "}";
  }

  private static void write(Path file, String text, boolean append) {
    try {
      Files.createDirectories(file.getParent());
      if (append) {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } else {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
