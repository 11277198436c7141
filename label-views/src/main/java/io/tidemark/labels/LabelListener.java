package io.tidemark.labels;

/** Hears about a label run's progress, one label version at a time. */
public interface LabelListener {
  LabelListener NONE = new LabelListener() {};

  /** Version {@code index} (from 1) of {@code count} is about to be computed. */
  default void versionStarted(int index, int count, LabelVersion version) {}

  /** Version {@code index} of {@code count} is committed with {@code rows} rows (0 when it had nothing to label). */
  default void versionFinished(int index, int count, LabelVersion version, long rows, long millis) {}
}
