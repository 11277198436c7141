package io.tidemark.online.store;

import static java.util.Objects.requireNonNull;

/** What a published version holds: its day, how many keys, and the bytes of its keys and values. */
public record PublishedVersion(String dataset, String ds, long keys, long bytes) {
  public PublishedVersion {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(ds, "ds is null");
  }
}
