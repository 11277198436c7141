package io.tidemark.online.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidemark.online.DurableFiles;
import io.tidemark.online.OnlineLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The serving metadata files under {@code <online>/metadata}: written atomically by uploads, read by fetches. A read
 * parses a file again only when it was replaced, so a running service sees new uploads at once.
 */
public final class ServingMetadata {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

  private final OnlineLayout layout;
  private final ConcurrentHashMap<Path, Cached<?>> cache = new ConcurrentHashMap<>();

  public ServingMetadata(OnlineLayout layout) {
    this.layout = requireNonNull(layout, "layout is null");
  }

  /**
   * A definition name as files use it: Chronon's path form {@code team/file.version} becomes {@code team.file.version}.
   * Empty for a name that cannot be a definition's (so no request reaches outside the metadata folder).
   */
  public static Optional<String> canonicalName(String name) {
    String dotted = name.replaceFirst("/", ".");
    return NAME.matcher(dotted).matches() ? Optional.of(dotted) : Optional.empty();
  }

  public void writeGroupBy(GroupByServingInfo info) {
    write(layout.groupByMetadata(info.name()), info);
  }

  public void writeJoin(JoinServingInfo info) {
    write(layout.joinMetadata(info.name()), info);
  }

  /** The uploaded GroupBy's metadata, if {@code tidemark upload} wrote it. */
  public Optional<GroupByServingInfo> groupBy(String name) {
    return canonicalName(name).flatMap(clean -> read(layout.groupByMetadata(clean), GroupByServingInfo.class));
  }

  /** The join's metadata, if {@code tidemark upload-metadata} wrote it. */
  public Optional<JoinServingInfo> join(String name) {
    return canonicalName(name).flatMap(clean -> read(layout.joinMetadata(clean), JoinServingInfo.class));
  }

  private static void write(Path file, Object info) {
    try {
      DurableFiles.writeAtomically(file, JSON.writeValueAsBytes(info));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the serving metadata " + file, e);
    }
  }

  private <T> Optional<T> read(Path file, Class<T> type) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the serving metadata " + file, e);
    }
    Cached<?> cached = cache.get(file);
    if (cached != null && cached.isCurrent(attributes) && type.isInstance(cached.value())) {
      return Optional.of(type.cast(cached.value()));
    }
    try {
      T value = JSON.readValue(file.toFile(), type);
      cache.put(file, new Cached<>(attributes.fileKey(), attributes.lastModifiedTime(), value));
      return Optional.of(value);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the serving metadata " + file + ": " + e.getMessage(), e);
    }
  }

  /** A parsed file and what identifies its content: an atomic replacement gives a new file key. */
  private record Cached<T>(Object fileKey, FileTime modified, T value) {
    boolean isCurrent(BasicFileAttributes attributes) {
      return Objects.equals(fileKey, attributes.fileKey()) && modified.equals(attributes.lastModifiedTime());
    }
  }
}
