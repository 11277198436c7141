package io.tidemark.catalog;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * A Hadoop file system for {@code s3://} and {@code s3a://} locations on Iceberg's {@code S3FileIO}: the client, and
 * the endpoint and credentials, that the catalog's tables are read with. Spark reads files through Hadoop file
 * systems, and stock Spark has none for S3 (that takes hadoop-aws and a second AWS SDK on every node); this one lets
 * {@code import} and definition folders use object storage with what the job jar already holds. Object stores have
 * no folders: a location is a folder when objects exist under {@code <location>/}, and {@code mkdirs} does nothing.
 * Files can be read, listed, written whole and deleted; renames and appends are not supported.
 */
public final class ObjectStoreFileSystem extends FileSystem {
  /** Hadoop configuration keys under this prefix are the {@code S3FileIO} properties, e.g. {@code s3.endpoint}. */
  static final String PROPERTY_PREFIX = "tidemark.object-store.";

  private URI uri;
  private S3FileIO io;
  private Path workingDirectory;

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    setConf(conf);
    uri = URI.create(name.getScheme() + "://" + name.getAuthority());
    Map<String, String> properties = conf.getPropsWithPrefix(PROPERTY_PREFIX);
    io = new S3FileIO();
    io.initialize(properties);
    workingDirectory = new Path(uri + "/");
  }

  @Override
  public String getScheme() {
    return uri.getScheme();
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    InputFile file = io.newInputFile(location(path));
    if (!file.exists()) {
      throw new FileNotFoundException("No object at " + path);
    }
    return new FSDataInputStream(new ObjectInputStream(file.newStream()));
  }

  @Override
  public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    if (!overwrite && exists(path)) {
      throw new IOException("Cannot create " + path + ": an object exists there");
    }
    return new FSDataOutputStream(io.newOutputFile(location(path)).createOrOverwrite(), statistics);
  }

  @Override
  public FSDataOutputStream append(Path path, int bufferSize, Progressable progress) throws IOException {
    throw new IOException("Cannot append to " + path + ": objects in object storage are written whole");
  }

  @Override
  public boolean rename(Path source, Path target) throws IOException {
    throw new IOException("Cannot rename " + source + " to " + target + ": object storage has no renames");
  }

  @Override
  public boolean delete(Path path, boolean recursive) throws IOException {
    FileStatus status;
    try {
      status = getFileStatus(path);
    } catch (FileNotFoundException e) {
      return false;
    }
    if (status.isFile()) {
      io.deleteFile(location(path));
    } else if (recursive) {
      io.deletePrefix(location(path) + "/");
    } else {
      throw new IOException("Cannot delete " + path + ": it holds objects; delete it recursively");
    }
    return true;
  }

  @Override
  public FileStatus[] listStatus(Path path) throws IOException {
    FileStatus status = getFileStatus(path);
    if (status.isFile()) {
      return new FileStatus[] {status};
    }
    String prefix = folderPrefix(path);
    List<FileStatus> files = new ArrayList<>();
    Set<String> folders = new LinkedHashSet<>();
    for (FileInfo info : io.listPrefix(prefix)) {
      String relative = info.location().substring(prefix.length());
      int slash = relative.indexOf('/');
      if (slash > 0) {
        folders.add(prefix + relative.substring(0, slash));
      } else if (slash < 0 && !relative.isEmpty()) {
        files.add(fileStatus(new Path(info.location()), info.size(), info.createdAtMillis()));
      }
    }
    List<FileStatus> children = new ArrayList<>(files);
    folders.forEach(folder -> children.add(folderStatus(new Path(folder))));
    return children.toArray(FileStatus[]::new);
  }

  @Override
  public void setWorkingDirectory(Path folder) {
    workingDirectory = makeQualified(folder);
  }

  @Override
  public Path getWorkingDirectory() {
    return workingDirectory;
  }

  @Override
  public boolean mkdirs(Path path, FsPermission permission) {
    return true;
  }

  @Override
  public FileStatus getFileStatus(Path path) throws IOException {
    Path qualified = makeQualified(path);
    if (qualified.toUri().getPath().isEmpty() || "/".equals(qualified.toUri().getPath())) {
      return folderStatus(qualified);
    }
    // exists() answers a missing object with false; getLength() alone would throw the S3 client's own exception.
    InputFile file = io.newInputFile(location(qualified));
    if (file.exists()) {
      return fileStatus(qualified, file.getLength(), 0);
    }
    if (io.listPrefix(folderPrefix(qualified)).iterator().hasNext()) {
      return folderStatus(qualified);
    }
    throw new FileNotFoundException("No object or folder at " + path);
  }

  @Override
  public void close() throws IOException {
    if (io != null) {
      io.close();
    }
    super.close();
  }

  private String location(Path path) {
    return makeQualified(path).toString();
  }

  private String folderPrefix(Path path) {
    String location = location(path);
    return location.endsWith("/") ? location : location + "/";
  }

  private FileStatus fileStatus(Path path, long length, long modified) {
    return new FileStatus(length, false, 1, 32L * 1024 * 1024, modified, makeQualified(path));
  }

  private FileStatus folderStatus(Path path) {
    return new FileStatus(0, true, 1, 0, 0, makeQualified(path));
  }

  /** An object's stream as Hadoop wants it: seekable, with positioned reads built on seeking. */
  private static final class ObjectInputStream extends FSInputStream {
    private final SeekableInputStream stream;

    ObjectInputStream(SeekableInputStream stream) {
      this.stream = stream;
    }

    @Override
    public void seek(long position) throws IOException {
      stream.seek(position);
    }

    @Override
    public long getPos() throws IOException {
      return stream.getPos();
    }

    @Override
    public boolean seekToNewSource(long target) {
      return false;
    }

    @Override
    public int read() throws IOException {
      return stream.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return stream.read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }
}
