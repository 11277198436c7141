package io.tidemark.online.store;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.PartitionDates;
import io.tidemark.online.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The embedded store: one immutable RocksDB database per uploaded version, opened read-only by readers, so any number
 * of processes serve while one uploads (RocksDB allows a single read-write opener per database, and here nobody opens
 * a published database for writing). Layout under the store folder:
 * <pre>
 *   &lt;dataset&gt;/builds/&lt;ds&gt;-&lt;millis&gt;-&lt;pid&gt;-&lt;n&gt;/  a version's database, written once
 *   &lt;dataset&gt;/published/&lt;ds&gt;   the name of the build that is version ds, replaced atomically
 * </pre>
 */
public final class RocksDbOnlineStore implements OnlineStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final String BUILDS = "builds";
  private static final String PUBLISHED = "published";
  /** A build without a pointer older than this was left by an upload that died; newer ones may still be running. */
  private static final Duration ABANDONED_BUILD_AGE = Duration.ofHours(6);
  private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final AtomicLong BUILD_NUMBER = new AtomicLong();

  private final Path root;
  private final Map<Path, OpenBuild> openBuilds = new HashMap<>();
  private final Map<String, Path> currentBuilds = new HashMap<>();
  private boolean closed;

  private RocksDbOnlineStore(Path root) {
    this.root = root;
  }

  /** The store in {@code folder} (created on the first upload). */
  public static RocksDbOnlineStore open(Path folder) {
    return new RocksDbOnlineStore(requireNonNull(folder, "folder is null").toAbsolutePath());
  }

  @Override
  public VersionWriter newVersion(String dataset, String ds) {
    checkNames(dataset, ds);
    removeAbandonedBuilds(dataset);
    String name = ds + "-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid() + "-"
        + BUILD_NUMBER.incrementAndGet();
    return new RocksDbVersionWriter(dataset, ds, datasetFolder(dataset).resolve(BUILDS).resolve(name),
        datasetFolder(dataset).resolve(PUBLISHED).resolve(ds));
  }

  @Override
  public List<String> versions(String dataset) {
    checkDataset(dataset);
    Path published = datasetFolder(dataset).resolve(PUBLISHED);
    if (!Files.isDirectory(published)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(published)) {
      return files.map(file -> file.getFileName().toString()).filter(PartitionDates::isValid).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the versions of " + dataset + " in " + published, e);
    }
  }

  @Override
  public List<Optional<byte[]>> read(String dataset, String ds, List<byte[]> keys) {
    checkNames(dataset, ds);
    try {
      return readOnce(dataset, ds, keys);
    } catch (RocksDBException firstFailure) {
      // An upload replaced the version and removed its build between reading the pointer and opening the build.
      try {
        return readOnce(dataset, ds, keys);
      } catch (RocksDBException e) {
        throw new StoreException("Cannot read version " + ds + " of " + dataset + ": " + e.getMessage(), e);
      }
    }
  }

  private List<Optional<byte[]>> readOnce(String dataset, String ds, List<byte[]> keys) throws RocksDBException {
    Path pointer = datasetFolder(dataset).resolve(PUBLISHED).resolve(ds);
    Path build = readPointerUnchecked(pointer).orElseThrow(() -> new IllegalArgumentException(
        "Cannot read version " + ds + " of " + dataset + ": it was not uploaded; list the versions first"));
    OpenBuild open = acquire(dataset + "/" + ds, build);
    try {
      List<byte[]> values = open.db.multiGetAsList(keys);
      List<Optional<byte[]>> result = new ArrayList<>(values.size());
      values.forEach(value -> result.add(Optional.ofNullable(value)));
      return result;
    } finally {
      release(open);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    openBuilds.values().forEach(OpenBuild::retire);
    openBuilds.values().removeIf(open -> open.users == 0);
    currentBuilds.clear();
  }

  /** The build a version's pointer names, if the version was published. */
  static Optional<Path> readPointer(Path pointer) throws IOException {
    try {
      String build = Files.readString(pointer, StandardCharsets.UTF_8).trim();
      return Optional.of(pointer.getParent().resolveSibling(BUILDS).resolve(build));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> readPointerUnchecked(Path pointer) {
    try {
      return readPointer(pointer);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the version pointer " + pointer, e);
    }
  }

  private synchronized OpenBuild acquire(String version, Path build) throws RocksDBException {
    if (closed) {
      throw new IllegalStateException("Cannot read from the online store at " + root + ": it was closed");
    }
    Path current = currentBuilds.get(version);
    if (current != null && !current.equals(build)) {
      OpenBuild replaced = openBuilds.get(current);
      if (replaced != null && replaced.retire()) {
        openBuilds.remove(current);
      }
    }
    OpenBuild open = openBuilds.get(build);
    if (open == null) {
      open = new OpenBuild(build);
      openBuilds.put(build, open);
    }
    currentBuilds.put(version, build);
    open.users++;
    return open;
  }

  private synchronized void release(OpenBuild open) {
    open.users--;
    if (open.retired && open.users == 0) {
      open.closeNow();
      openBuilds.remove(open.build, open);
    }
  }

  private void removeAbandonedBuilds(String dataset) {
    Path builds = datasetFolder(dataset).resolve(BUILDS);
    if (!Files.isDirectory(builds)) {
      return;
    }
    List<Path> published = versions(dataset).stream()
        .map(ds -> readPointerUnchecked(datasetFolder(dataset).resolve(PUBLISHED).resolve(ds)))
        .flatMap(Optional::stream)
        .toList();
    FileTime cutoff = FileTime.from(Instant.now().minus(ABANDONED_BUILD_AGE));
    try (Stream<Path> folders = Files.list(builds)) {
      for (Path folder : folders.toList()) {
        if (!published.contains(folder) && Files.getLastModifiedTime(folder).compareTo(cutoff) < 0) {
          DurableFiles.deleteRecursively(folder);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove abandoned builds in " + builds, e);
    }
  }

  private Path datasetFolder(String dataset) {
    return root.resolve(dataset);
  }

  private static void checkNames(String dataset, String ds) {
    checkDataset(dataset);
    if (ds == null || !PartitionDates.isValid(ds)) {
      throw new IllegalArgumentException("Invalid version '" + ds + "': give a day as yyyy-MM-dd");
    }
  }

  private static void checkDataset(String dataset) {
    if (dataset == null || !DATASET.matcher(dataset).matches()) {
      throw new IllegalArgumentException("Invalid dataset name '" + dataset
          + "': use letters, digits, '_', '.' and '-' only");
    }
  }

  /** A published build opened read-only, shared by concurrent readers and closed once replaced and unused. */
  private static final class OpenBuild {
    private final Path build;
    private final Options options;
    private final RocksDB db;
    private int users;
    private boolean retired;

    OpenBuild(Path build) throws RocksDBException {
      this.build = build;
      // Every table file is opened now, so the build stays readable if an upload removes it after replacing it.
      this.options = new Options().setMaxOpenFiles(-1);
      try {
        this.db = RocksDB.openReadOnly(options, build.toString());
      } catch (RocksDBException e) {
        options.close();
        throw e;
      }
    }

    /** Marks the build as replaced; true when it was closed at once because nobody was reading it. */
    boolean retire() {
      retired = true;
      if (users == 0) {
        closeNow();
        return true;
      }
      return false;
    }

    void closeNow() {
      if (db.isOwningHandle()) {
        db.close();
        options.close();
      }
    }
  }
}
