package io.tidemark.online.store;

import java.util.List;
import java.util.Optional;

/**
 * Batch versions of datasets (an uploaded GroupBy's values, one version per uploaded day {@code ds}), read by key.
 * Keys and values are bytes: keys in {@link KeyCodec}'s canonical encoding, values as the uploader wrote them. A
 * version becomes visible to readers whole, when its writer publishes it; publishing a day again replaces it.
 */
public interface OnlineStore extends AutoCloseable {
  /** Starts building version {@code ds} of {@code dataset}; readers see none of it until it is published. */
  VersionWriter newVersion(String dataset, String ds);

  /** The published versions of {@code dataset}, oldest first; empty when nothing was uploaded. */
  List<String> versions(String dataset);

  /**
   * The values of {@code keys} in version {@code ds} of {@code dataset}, in the order of {@code keys}; empty for a
   * key the version does not hold.
   */
  List<Optional<byte[]>> read(String dataset, String ds, List<byte[]> keys);

  @Override
  void close();
}
