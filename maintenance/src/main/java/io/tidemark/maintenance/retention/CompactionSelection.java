package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;

/**
 * Which partitions compaction rewrites: those with two or more data files under three quarters of the target size
 * (Iceberg's own threshold for a small file), and those with delete files, which a rewrite applies and drops. A
 * partition that is already one well-sized file, or one small file without deletes, is left alone.
 */
public final class CompactionSelection {
  private CompactionSelection() {}

  /**
   * One partition's current files.
   *
   * @param dataFileSizes the size in bytes of each data file
   * @param deleteFiles how many delete files apply to them
   */
  public record PartitionFiles(String day, List<Long> dataFileSizes, int deleteFiles) {
    public PartitionFiles {
      requireNonNull(day, "day is null");
      dataFileSizes = List.copyOf(dataFileSizes);
    }
  }

  /** The partitions to rewrite toward {@code targetFileSizeBytes}, in the order given. */
  public static List<PartitionFiles> select(Collection<PartitionFiles> partitions, long targetFileSizeBytes) {
    long small = targetFileSizeBytes * 3 / 4;
    return partitions.stream()
        .filter(partition -> partition.deleteFiles() > 0
            || partition.dataFileSizes().stream().filter(size -> size < small).count() >= 2)
        .toList();
  }
}
