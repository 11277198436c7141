package io.tidemark.online.store;

import java.nio.file.Path;
import java.util.List;

/** A version being built aside. Closing it without {@link #publish} abandons it. */
public interface VersionWriter extends AutoCloseable {
  void put(byte[] key, byte[] value);

  /**
   * Moves sorted files into the version (they are gone from where they were); their key ranges must not overlap one
   * another or the keys put. Files on the same file system as the store are moved without copying.
   */
  void addSortedFiles(List<SortedFile> files);

  /**
   * A folder beside the version, on the store's file system, for sorted files on their way into it: files written
   * here move in without being copied. It is removed with the version's build when the writer closes.
   */
  Path sortedFilesFolder();

  /** Makes the version visible to readers at once, replacing an earlier version of the same day. */
  PublishedVersion publish();

  @Override
  void close();
}
