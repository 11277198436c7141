package io.tidemark.online.jobs.flatten;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A join's raw request log on disk, as the online contract lays it out: {@code <online>/logs/<join>/ds=<day>/*.jsonl}
 * and {@code <online>/logs/<join>/schemas/<hash>.json}.
 */
public final class RawLogFolder {
  private static final Pattern DAY_FOLDER = Pattern.compile("ds=(.*)");
  private static final String SEGMENT_SUFFIX = ".jsonl";
  private static final String SCHEMA_SUFFIX = ".json";

  private final String join;
  private final Path folder;

  public RawLogFolder(Path onlineDir, String join) {
    this.join = join;
    this.folder = onlineDir.resolve("logs").resolve(join);
  }

  public Path path() {
    return folder;
  }

  public Path schemaFolder() {
    return folder.resolve("schemas");
  }

  public Path dayFolder(Day day) {
    return folder.resolve("ds=" + day);
  }

  /** The days that have segment files, by day. */
  public List<RawDay> days() {
    List<RawDay> days = new ArrayList<>();
    for (Path dayFolder : list(folder)) {
      Matcher match = DAY_FOLDER.matcher(dayFolder.getFileName().toString());
      if (!match.matches() || !Files.isDirectory(dayFolder) || !PartitionDates.isValid(match.group(1))) {
        continue;
      }
      List<RawFile> files = segments(dayFolder).stream()
          .map(file -> new RawFile(file.getFileName().toString(), size(file)))
          .toList();
      if (!files.isEmpty()) {
        days.add(new RawDay(Day.parse(match.group(1)), files));
      }
    }
    days.sort(Comparator.comparing(RawDay::day));
    return days;
  }

  /** The folders named {@code ds=...} whose name is not a day, with segment files, by name. */
  public List<SkippedFolder> skippedFolders() {
    List<SkippedFolder> skipped = new ArrayList<>();
    for (Path dayFolder : list(folder)) {
      Matcher match = DAY_FOLDER.matcher(dayFolder.getFileName().toString());
      if (!match.matches() || !Files.isDirectory(dayFolder) || PartitionDates.isValid(match.group(1))) {
        continue;
      }
      List<Path> files = segments(dayFolder);
      if (!files.isEmpty()) {
        skipped.add(new SkippedFolder(dayFolder.getFileName().toString(), files.size(),
            files.stream().mapToLong(RawLogFolder::records).sum()));
      }
    }
    return skipped;
  }

  private static List<Path> segments(Path dayFolder) {
    return list(dayFolder).stream()
        .filter(file -> file.getFileName().toString().endsWith(SEGMENT_SUFFIX) && Files.isRegularFile(file))
        .toList();
  }

  /** The non-blank lines of a segment file: its records, torn or not. */
  private static long records(Path file) {
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return lines.lines().filter(line -> !line.isBlank()).count();
    } catch (IOException | UncheckedIOException e) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every schema version, read from its file. */
  public List<LogSchemaFile> schemas() {
    List<LogSchemaFile> schemas = new ArrayList<>();
    for (Path file : list(schemaFolder())) {
      String name = file.getFileName().toString();
      if (name.endsWith(SCHEMA_SUFFIX) && Files.isRegularFile(file)) {
        String hash = name.substring(0, name.length() - SCHEMA_SUFFIX.length());
        schemas.add(LogSchemaFile.parse(read(file), file.toString(), hash, join));
      }
    }
    return schemas;
  }

  private static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
