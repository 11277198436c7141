package io.tidemark.online.store;

import io.tidemark.online.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rocksdb.FlushOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Builds one version as a RocksDB database of its own in a fresh folder, which no reader opens before the version's
 * pointer names it. Publishing flushes and closes the database (it is immutable from then on) and then replaces the
 * pointer atomically.
 */
final class RocksDbVersionWriter implements VersionWriter {
  private static final int BATCH_ENTRIES = 10_000;

  private final String dataset;
  private final String ds;
  private final Path build;
  private final Path pointer;
  private final Options options;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private WriteBatch batch = new WriteBatch();
  private long keys;
  private long bytes;
  private State state = State.BUILDING;

  private enum State {
    BUILDING,
    PUBLISHED,
    CLOSED
  }

  RocksDbVersionWriter(String dataset, String ds, Path build, Path pointer) {
    this.dataset = dataset;
    this.ds = ds;
    this.build = build;
    this.pointer = pointer;
    this.options = new Options().setCreateIfMissing(true).setErrorIfExists(true);
    // Durability comes from flushing and closing before publishing; a crash before that leaves an unnamed folder.
    this.writeOptions = new WriteOptions().setDisableWAL(true);
    try {
      DurableFiles.createDirectories(build.getParent());
      this.db = RocksDB.open(options, build.toString());
    } catch (RocksDBException | IOException e) {
      options.close();
      writeOptions.close();
      throw new StoreException("Cannot create the build folder " + build + " of " + dataset + " " + ds + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void put(byte[] key, byte[] value) {
    if (state != State.BUILDING) {
      throw new IllegalStateException("Cannot put into version " + ds + " of " + dataset + ": it was " + state);
    }
    try {
      batch.put(key, value);
      keys++;
      bytes += key.length + value.length;
      if (batch.count() >= BATCH_ENTRIES) {
        writeBatch();
      }
    } catch (RocksDBException e) {
      throw new StoreException("Cannot write version " + ds + " of " + dataset + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void addSortedFiles(List<SortedFile> files) {
    if (state != State.BUILDING) {
      throw new IllegalStateException("Cannot add files to version " + ds + " of " + dataset + ": it was " + state);
    }
    if (files.isEmpty()) {
      return;
    }
    try (IngestExternalFileOptions ingest = new IngestExternalFileOptions().setMoveFiles(true)) {
      writeBatch();
      db.ingestExternalFile(files.stream().map(file -> file.path().toString()).toList(), ingest);
      for (SortedFile file : files) {
        keys += file.keys();
        bytes += file.bytes();
      }
    } catch (RocksDBException e) {
      throw new StoreException("Cannot add the sorted files of version " + ds + " of " + dataset + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public Path sortedFilesFolder() {
    Path folder = build.resolveSibling(build.getFileName() + ".files");
    try {
      DurableFiles.createDirectories(folder);
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + folder, e);
    }
  }

  @Override
  public PublishedVersion publish() {
    if (state != State.BUILDING) {
      throw new IllegalStateException("Cannot publish version " + ds + " of " + dataset + ": it was " + state);
    }
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      writeBatch();
      db.flush(flush);
      closeDatabase();
      DurableFiles.deleteRecursively(build.resolveSibling(build.getFileName() + ".files"));
      DurableFiles.syncFolder(build);
      DurableFiles.syncFolder(build.getParent());
      Optional<Path> replaced = RocksDbOnlineStore.readPointer(pointer);
      DurableFiles.writeAtomically(pointer, build.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      state = State.PUBLISHED;
      // Readers that opened the replaced build keep their open files; new readers follow the pointer.
      if (replaced.isPresent() && !replaced.get().equals(build)) {
        DurableFiles.deleteRecursively(replaced.get());
      }
      return new PublishedVersion(dataset, ds, keys, bytes);
    } catch (RocksDBException e) {
      throw new StoreException("Cannot publish version " + ds + " of " + dataset + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot publish version " + ds + " of " + dataset + " at " + pointer, e);
    }
  }

  @Override
  public void close() {
    if (state == State.BUILDING) {
      closeDatabase();
      try {
        DurableFiles.deleteRecursively(build);
        DurableFiles.deleteRecursively(build.resolveSibling(build.getFileName() + ".files"));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove the abandoned build " + build, e);
      }
    }
    state = State.CLOSED;
  }

  private void writeBatch() throws RocksDBException {
    if (batch.count() > 0) {
      db.write(writeOptions, batch);
      batch.close();
      batch = new WriteBatch();
    }
  }

  private void closeDatabase() {
    if (db.isOwningHandle()) {
      batch.close();
      db.close();
      writeOptions.close();
      options.close();
    }
  }
}
