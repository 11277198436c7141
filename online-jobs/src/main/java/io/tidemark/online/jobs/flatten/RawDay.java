package io.tidemark.online.jobs.flatten;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The raw log segment files of one day ({@code ds=<day>} folder). Its fingerprint changes whenever a file appears or
 * grows, which is all that happens to a raw log: segments are only appended to.
 */
public record RawDay(String ds, List<RawFile> files) {
  public RawDay {
    requireNonNull(ds, "ds is null");
    files = files.stream().sorted(Comparator.comparing(RawFile::name)).toList();
  }

  public long bytes() {
    return files.stream().mapToLong(RawFile::size).sum();
  }

  /** The first 16 hex digits of the SHA-256 of the files' names and sizes, one {@code name\tsize\n} each, by name. */
  public String fingerprint() {
    StringBuilder text = new StringBuilder();
    files.forEach(file -> text.append(file.name()).append('\t').append(file.size()).append('\n'));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
