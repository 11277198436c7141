package io.tidemark.cli.reliability;

import io.tidemark.catalog.EmbeddedCatalogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * The file IO of a tidemark process under test: Iceberg's Hadoop file IO that stops the process at a chosen file, so
 * that a test can kill it at an exact point of a commit. A table commit writes, in order, data files, manifests, a
 * manifest list and a new metadata file, and then swaps the catalog's pointer to that metadata file; pausing once the
 * n-th file of a kind is fully written and closed stops the process between two of those.
 *
 * <p>Set with system properties of the process: {@value #PAUSE_AT} = {@code <kind>:<n>}, kinds as in {@link Kind};
 * {@value #RELEASE_FILE} = a path whose appearance lets the process go on (without it the pause lasts until the
 * process is killed). With {@value #TRACE} = {@code true}, every closed file is reported. Reports go to standard error
 * as {@code TIDEMARK-PAUSED <kind> <n> <path>} and {@code TIDEMARK-FILE <kind> <n> <path>}.
 */
public class PausingFileIO extends HadoopFileIO {
  public static final String PAUSE_AT = "tidemark.test.pause-at";
  public static final String RELEASE_FILE = "tidemark.test.release-file";
  public static final String TRACE = "tidemark.test.trace-files";
  public static final String PAUSED = "TIDEMARK-PAUSED";
  private static final String CATALOG_IO = "spark.sql.catalog." + EmbeddedCatalogConfig.DEFAULT_NAME + ".io-impl";

  /** The files of a commit, in the order a commit writes them. */
  public enum Kind {
    DATA, MANIFEST, MANIFEST_LIST, METADATA;

    static Kind of(String path) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.endsWith(".metadata.json")) {
        return METADATA;
      }
      if (name.startsWith("snap-") && name.endsWith(".avro")) {
        return MANIFEST_LIST;
      }
      return name.endsWith(".avro") ? MANIFEST : DATA;
    }

    String label() {
      return name().toLowerCase().replace('_', '-');
    }
  }

  /** The system properties of a tidemark process that uses this IO and stops for good at {@code point}. */
  static Map<String, String> pausingAt(String point) {
    return Map.of(CATALOG_IO, PausingFileIO.class.getName(), PAUSE_AT, point);
  }

  /** Like {@link #pausingAt(String)}, going on once {@code release} exists. */
  static Map<String, String> pausingAt(String point, Path release) {
    return Map.of(CATALOG_IO, PausingFileIO.class.getName(), PAUSE_AT, point, RELEASE_FILE, release.toString());
  }

  // Counted per process: Spark's tasks get their own deserialized copies of this IO.
  private static final Map<Kind, AtomicInteger> CLOSED = new ConcurrentHashMap<>();

  @Override
  public OutputFile newOutputFile(String path) {
    return new PausingOutputFile(super.newOutputFile(path));
  }

  private static void closed(String path) {
    Kind kind = Kind.of(path);
    int count = CLOSED.computeIfAbsent(kind, ignored -> new AtomicInteger()).incrementAndGet();
    if (Boolean.getBoolean(TRACE)) {
      report("TIDEMARK-FILE " + kind.label() + " " + count + " " + path);
    }
    if ((kind.label() + ":" + count).equals(System.getProperty(PAUSE_AT))) {
      report(PAUSED + " " + kind.label() + " " + count + " " + path);
      waitForRelease();
    }
  }

  private static void report(String line) {
    System.err.println(line);
    System.err.flush();
  }

  private static void waitForRelease() {
    String release = System.getProperty(RELEASE_FILE);
    try {
      while (release == null || !Files.exists(Path.of(release))) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record PausingOutputFile(OutputFile delegate) implements OutputFile {
    @Override
    public PositionOutputStream create() {
      return new PausingStream(delegate.create(), delegate.location());
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      return new PausingStream(delegate.createOrOverwrite(), delegate.location());
    }

    @Override
    public String location() {
      return delegate.location();
    }

    @Override
    public InputFile toInputFile() {
      return delegate.toInputFile();
    }
  }

  private static final class PausingStream extends PositionOutputStream {
    private final PositionOutputStream delegate;
    private final String path;
    private boolean closed;

    PausingStream(PositionOutputStream delegate, String path) {
      this.delegate = delegate;
      this.path = path;
    }

    @Override
    public long getPos() throws IOException {
      return delegate.getPos();
    }

    @Override
    public long storedLength() throws IOException {
      return delegate.storedLength();
    }

    @Override
    public void write(int b) throws IOException {
      delegate.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      delegate.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
      if (!closed) {
        closed = true;
        closed(path);
      }
    }
  }
}
