package io.tidemark.online.jobs.upload;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.online.store.SortedFile;
import io.tidemark.online.store.VersionWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkContext;

/**
 * Where an upload's executors put their sorted files, and how the files then reach the store. With Spark in this JVM
 * (a local master) they write straight into the store's folder for the version, and the files move in. On a cluster
 * the executors run elsewhere, so they write to a staging folder that every node and the driver reach (object
 * storage, HDFS, a shared volume) and the driver fetches the files, one copy each, then deletes the folder.
 */
final class Staging {
  private final Optional<String> folder;

  private Staging(Optional<String> folder) {
    this.folder = folder;
  }

  /** The staging for a run: in {@code stagingDir} if given, else in the store, which needs a local master. */
  static Staging choose(Optional<String> stagingDir, SparkContext spark) {
    if (stagingDir.isPresent()) {
      String base = stagingDir.get().endsWith("/") ? stagingDir.get() : stagingDir.get() + "/";
      return new Staging(Optional.of(base + "upload-" + UUID.randomUUID()));
    }
    if (!spark.isLocal()) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "Cannot upload on the Spark cluster at "
          + spark.master() + " without --staging-dir: its executors write the store's sorted files where they run, "
          + "and the online store is on this machine. Fix: pass --staging-dir with a folder every node and this "
          + "machine reach, e.g. --staging-dir s3://bucket/tidemark/staging");
    }
    return new Staging(Optional.empty());
  }

  /** The folder, as a URI, that the executors write {@code writer}'s sorted files to. */
  String location(VersionWriter writer) {
    return folder.orElseGet(() -> writer.sortedFilesFolder().toUri().toString());
  }

  /** The staged files as files in {@code local}, the version's own folder for sorted files. */
  List<SortedFile> fetch(List<SortedFilesJob.StagedFile> staged, Path local, Configuration hadoop) {
    List<SortedFile> files = new ArrayList<>();
    for (SortedFilesJob.StagedFile file : staged) {
      org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(file.location());
      Path target = folder.isEmpty() ? Path.of(source.toUri()) : local.resolve(source.getName());
      if (folder.isPresent()) {
        try {
          source.getFileSystem(hadoop).copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(target.toUri()),
              true);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot fetch the sorted file " + source, e);
        }
      }
      files.add(new SortedFile(target, file.keys(), file.bytes()));
    }
    return files;
  }

  /** Deletes the staging folder (the store's own folder goes with the version's build). */
  void clean(Configuration hadoop) {
    if (folder.isPresent()) {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(folder.get());
      try {
        FileSystem files = path.getFileSystem(hadoop);
        files.delete(path, true);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete the staging folder " + path, e);
      }
    }
  }
}
