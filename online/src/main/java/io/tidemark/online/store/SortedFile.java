package io.tidemark.online.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.EnvOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

/**
 * A file of entries sorted by key in the store's own table format, written anywhere (an executor's local disk) and
 * later moved into a version whole by {@link VersionWriter#addSortedFiles}: an upload's entries are sorted and
 * written in parallel where they are computed, and the process that publishes handles files, not keys.
 *
 * @param keys the entries in the file
 * @param bytes the bytes of its keys and values
 */
public record SortedFile(Path path, long keys, long bytes) {
  static {
    RocksDB.loadLibrary();
  }

  public SortedFile {
    requireNonNull(path, "path is null");
  }

  /**
   * Writes {@code entries}, whose keys must be strictly increasing in unsigned byte order (the order of Spark's
   * binary sort), to a new file at {@code path}; returns what it holds, or empty when there were no entries.
   */
  public static Optional<SortedFile> write(Path path, Iterator<Map.Entry<byte[], byte[]>> entries) {
    if (!entries.hasNext()) {
      return Optional.empty();
    }
    long keys = 0;
    long bytes = 0;
    byte[] previous = null;
    try (EnvOptions env = new EnvOptions(); Options options = new Options();
        SstFileWriter writer = new SstFileWriter(env, options)) {
      writer.open(path.toString());
      while (entries.hasNext()) {
        Map.Entry<byte[], byte[]> entry = entries.next();
        if (previous != null && Arrays.compareUnsigned(previous, entry.getKey()) >= 0) {
          throw new IllegalArgumentException("Cannot write " + path + ": keys must be unique and in increasing order, "
              + "and key " + keys + " is not after the one before it");
        }
        writer.put(entry.getKey(), entry.getValue());
        previous = entry.getKey();
        keys++;
        bytes += entry.getKey().length + entry.getValue().length;
      }
      writer.finish();
    } catch (RocksDBException e) {
      throw new StoreException("Cannot write the sorted file " + path + ": " + e.getMessage(), e);
    }
    return Optional.of(new SortedFile(path, keys, bytes));
  }
}
