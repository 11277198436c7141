package io.tidemark.online;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** File operations that keep the online folder consistent across crashes: atomic replacement and folder syncs. */
public final class DurableFiles {
  private DurableFiles() {}

  /**
   * Replaces {@code target} with {@code content} so that a reader, or the file system after a crash, sees either the
   * old content or the new one: written to a temporary file, forced to disk, renamed over the target, and the rename
   * forced by syncing the folder.
   */
  public static void writeAtomically(Path target, byte[] content) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    createDirectories(folder);
    // Not Files.createTempFile, which makes the file readable by its owner only: the file's permissions follow the
    // umask, as any other file the process creates, so that a server running as another user can read it.
    Path temporary = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    syncFolder(folder);
  }

  /** Creates {@code folder} and its missing parents, each made durable in the folder that holds it. */
  public static void createDirectories(Path folder) throws IOException {
    Path absolute = folder.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    createDirectories(absolute.getParent());
    try {
      Files.createDirectory(absolute);
    } catch (FileAlreadyExistsException e) {
      // Another writer created it meanwhile.
    }
    syncFolder(absolute.getParent());
  }

  /** Forces a folder's entries (files created, renamed or removed in it) to disk. */
  public static void syncFolder(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Deletes a folder and everything in it; nothing happens when it does not exist. */
  public static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
