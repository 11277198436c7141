package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A token or key, with where it came from. Only {@link #value} reveals it; {@link #toString} names the source, so a
 * secret that reaches a log or a message shows as {@code <secret from environment variable X>}.
 *
 * @param source where the value was read, e.g. {@code environment variable TIDEMARK_S3_SECRET}
 */
public record Secret(String source, String value) {
  public Secret {
    requireNonNull(source, "source is null");
    requireNonNull(value, "value is null");
  }

  @Override
  public String toString() {
    return "<secret from " + source + ">";
  }
}
