package io.tidemark.online.jobs.flatten;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/** One segment file of the raw request log, by its name within its day's folder and its size in bytes. */
public record RawFile(String name, long size) {
  public RawFile {
    requireNonNull(name, "name is null");
    checkArgument(size >= 0, "Cannot describe raw log file %s: size %s is negative", name, size);
  }
}
