package io.tidemark.online.log;

import io.tidemark.online.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** One segment file of one join and day, written only by the process that created it. */
final class Segment implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;

  private Segment(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Creates {@code file} (never reusing an existing one) and makes its folder entry durable. */
  static Segment create(Path file) throws IOException {
    Path folder = file.getParent();
    DurableFiles.createDirectories(folder);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      DurableFiles.syncFolder(folder);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new Segment(file, channel);
  }

  Path file() {
    return file;
  }

  void append(List<byte[]> lines) throws IOException {
    ByteBuffer[] buffers = lines.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
    long remaining = lines.stream().mapToLong(line -> line.length).sum();
    while (remaining > 0) {
      remaining -= channel.write(buffers);
    }
  }

  /** Forces the appended lines to disk (the file's size with them). */
  void sync() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
