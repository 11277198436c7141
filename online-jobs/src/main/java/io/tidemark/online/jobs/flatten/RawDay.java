package io.tidemark.online.jobs.flatten;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.hash.Fingerprint;
import io.tidemark.api.time.Day;
import java.util.Comparator;
import java.util.List;

/**
 * The raw log segment files of one day ({@code ds=<day>} folder). Its fingerprint changes whenever a file appears or
 * grows, which is all that happens to a raw log: segments are only appended to.
 */
public record RawDay(Day day, List<RawFile> files) {
  public RawDay {
    requireNonNull(day, "day is null");
    files = files.stream().sorted(Comparator.comparing(RawFile::name)).toList();
  }

  public long bytes() {
    return files.stream().mapToLong(RawFile::size).sum();
  }

  /** The first 16 hex digits of the SHA-256 of the files' names and sizes, one {@code name\tsize\n} each, by name. */
  public String fingerprint() {
    StringBuilder text = new StringBuilder();
    files.forEach(file -> text.append(file.name()).append('\t').append(file.size()).append('\n'));
    return Fingerprint.of(text.toString());
  }
}
