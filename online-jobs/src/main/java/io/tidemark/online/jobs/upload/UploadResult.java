package io.tidemark.online.jobs.upload;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;

/** What an upload published: the GroupBy, its version (day), keys and bytes written, and how long it took. */
public record UploadResult(String groupBy, Day ds, long keys, long bytes, long millis) {
  public UploadResult {
    requireNonNull(groupBy, "groupBy is null");
    requireNonNull(ds, "ds is null");
  }
}
