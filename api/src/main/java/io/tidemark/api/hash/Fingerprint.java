package io.tidemark.api.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The short fingerprints Tidemark records beside what it builds (semantic hashes, the files a day was built from): the
 * first 16 hex digits of the SHA-256 of a text's UTF-8 bytes. Sixty-four bits keep an accidental match between two
 * texts out of reach while keeping table properties and snapshot summaries short.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
