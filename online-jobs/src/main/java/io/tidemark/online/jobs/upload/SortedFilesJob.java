package io.tidemark.online.jobs.upload;

import static org.apache.spark.sql.functions.col;

import io.tidemark.online.store.SortedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Writes a dataset of {@code key} and {@code value} byte columns as the online store's sorted files, in parallel: the
 * rows are range-partitioned and sorted by key (Spark orders binary values as unsigned bytes, as the store does), and
 * each task writes its partition as one file on its own disk and then puts it in the staging folder. The driver
 * receives each file's name and counts, never the entries. A task's file depends only on its partition's rows, so a
 * retried task (a lost executor) writes the same file again; only the files of the attempts that succeeded are
 * returned.
 */
final class SortedFilesJob {
  static final StructType PAIRS = new StructType()
      .add("key", DataTypes.BinaryType, false)
      .add("value", DataTypes.BinaryType, false);
  private static final StructType WRITTEN = new StructType()
      .add("location", DataTypes.StringType, false)
      .add("keys", DataTypes.LongType, false)
      .add("bytes", DataTypes.LongType, false);

  /** A sorted file in the staging folder, as a task reported it. */
  record StagedFile(String location, long keys, long bytes) {}

  private SortedFilesJob() {}

  /**
   * Writes {@code pairs} (schema {@link #PAIRS}) in {@code files} sorted files under {@code staging}.
   *
   * <p>The pairs are kept (in memory, or on the executors' disks) while they are written: finding the key ranges
   * samples them in a job of its own, which would otherwise compute every pair a second time, aggregation and all.
   */
  static List<StagedFile> write(Dataset<Row> pairs, int files, String staging, Configuration hadoop) {
    SerializableConfiguration configuration = new SerializableConfiguration(hadoop);
    Dataset<Row> kept = pairs.persist(StorageLevel.MEMORY_AND_DISK());
    List<Row> written;
    try {
      written = kept.repartitionByRange(files, col("key"))
          .sortWithinPartitions(col("key"))
          .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> writePartition(rows, staging,
              configuration.value()), Encoders.row(WRITTEN))
          .collectAsList();
    } finally {
      kept.unpersist(false);
    }
    List<StagedFile> staged = new ArrayList<>();
    for (Row row : written) {
      staged.add(new StagedFile(row.getString(0), row.getLong(1), row.getLong(2)));
    }
    return staged;
  }

  private static Iterator<Row> writePartition(Iterator<Row> rows, String staging, Configuration hadoop)
      throws IOException {
    TaskContext task = TaskContext.get();
    String name = String.format("part-%05d-attempt-%d.sst", task.partitionId(), task.attemptNumber());
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(staging, name);
    FileSystem files = target.getFileSystem(hadoop);
    boolean local = "file".equals(files.getScheme());
    Path written = local ? Path.of(target.toUri()) : Files.createTempDirectory("tidemark-upload-").resolve(name);
    Iterator<Map.Entry<byte[], byte[]>> entries = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Map.Entry<byte[], byte[]> next() {
        Row row = rows.next();
        return new AbstractMap.SimpleImmutableEntry<>((byte[]) row.get(0), (byte[]) row.get(1));
      }
    };
    Optional<SortedFile> file = SortedFile.write(written, entries);
    if (file.isEmpty()) {
      return List.<Row>of().iterator();
    }
    if (!local) {
      files.copyFromLocalFile(true, true, new org.apache.hadoop.fs.Path(written.toUri()), target);
      deleteScratch(written.getParent());
    }
    return List.of(RowFactory.create(target.toString(), file.get().keys(), file.get().bytes())).iterator();
  }

  private static void deleteScratch(Path folder) {
    try {
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the scratch folder " + folder, e);
    }
  }
}
