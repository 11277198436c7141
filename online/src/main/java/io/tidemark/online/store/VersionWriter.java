package io.tidemark.online.store;

/** A version being built aside. Closing it without {@link #publish} abandons it. */
public interface VersionWriter extends AutoCloseable {
  void put(byte[] key, byte[] value);

  /** Makes the version visible to readers at once, replacing an earlier version of the same day. */
  PublishedVersion publish();

  @Override
  void close();
}
