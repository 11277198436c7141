package io.tidemark.online.jobs.flatten;

import static java.util.Objects.requireNonNull;

/**
 * One field of a logging schema version: a key or a value, with its Spark SQL type as {@code catalogString}
 * ({@code bigint}, {@code array<double>}).
 */
public record LogField(String name, String type) {
  public LogField {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }
}
