package io.tidemark.maintenance.retention;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a table keeps what, and how its files are laid out.
 *
 * @param snapshotAge snapshots older than this expire, unless they are among the last {@code minSnapshots} of the
 *     table or a tag or branch holds them
 * @param minSnapshots how many of the newest snapshots are kept whatever their age (at least 1)
 * @param partitionTtl partitions whose whole day is older than this are deleted; empty keeps every partition
 * @param archiveLifetime an archive older than this is purged, unless a tag holds one of its versions
 * @param targetFileSizeBytes the size compaction writes data files toward
 */
public record RetentionPolicy(Duration snapshotAge, int minSnapshots, Optional<Duration> partitionTtl,
    Duration archiveLifetime, long targetFileSizeBytes) {
  private static final long MIB = 1024 * 1024;

  public RetentionPolicy {
    requireNonNull(snapshotAge, "snapshotAge is null");
    requireNonNull(partitionTtl, "partitionTtl is null");
    requireNonNull(archiveLifetime, "archiveLifetime is null");
    checkArgument(!snapshotAge.isNegative(), "Cannot keep snapshots for a negative duration: use 0s or more");
    checkArgument(minSnapshots >= 1, "Cannot keep %s snapshots at least: the current one is always kept, use 1 or more",
        minSnapshots);
    partitionTtl.ifPresent(ttl -> checkArgument(ttl.toDays() >= 1, "Cannot keep partitions for %s: a partition "
        + "holds a day, use 1d or more", TextValues.duration(ttl)));
    checkArgument(!archiveLifetime.isNegative(), "Cannot keep archives for a negative duration: use 0s or more");
    checkArgument(targetFileSizeBytes >= MIB, "Cannot compact toward %s bytes: use 1MB or more", targetFileSizeBytes);
  }

  /**
   * The defaults of each kind. Training sets and labels keep a week of history for audits (tags keep more); tables
   * that are rewritten from their sources keep three days; logs keep their partitions 90 days, the usual window for
   * rebuilding a training set from logged values; archives stay 30 days. Partial aggregates keep the days their
   * GroupBy's longest window needs (see {@code TableProperties.PARTIALS_KEEP_DAYS}) unless a TTL is set.
   */
  public static RetentionPolicy defaultFor(TableKind kind) {
    Duration week = Duration.ofDays(7);
    Duration threeDays = Duration.ofDays(3);
    Duration archiveLifetime = Duration.ofDays(30);
    long target = 128 * MIB;
    return switch (kind) {
      case JOIN, LABELS, CONSISTENCY, ARCHIVE -> new RetentionPolicy(week, 5, Optional.empty(), archiveLifetime, target);
      case PART, SOURCE, PARTIALS -> new RetentionPolicy(threeDays, 3, Optional.empty(), archiveLifetime, target);
      case LOG -> new RetentionPolicy(threeDays, 3, Optional.of(Duration.ofDays(90)), archiveLifetime, target);
    };
  }

  public RetentionPolicy withSnapshotAge(Duration age) {
    return new RetentionPolicy(age, minSnapshots, partitionTtl, archiveLifetime, targetFileSizeBytes);
  }

  public RetentionPolicy withMinSnapshots(int count) {
    return new RetentionPolicy(snapshotAge, count, partitionTtl, archiveLifetime, targetFileSizeBytes);
  }

  public RetentionPolicy withPartitionTtl(Optional<Duration> ttl) {
    return new RetentionPolicy(snapshotAge, minSnapshots, ttl, archiveLifetime, targetFileSizeBytes);
  }

  public RetentionPolicy withArchiveLifetime(Duration lifetime) {
    return new RetentionPolicy(snapshotAge, minSnapshots, partitionTtl, lifetime, targetFileSizeBytes);
  }

  public RetentionPolicy withTargetFileSize(long bytes) {
    return new RetentionPolicy(snapshotAge, minSnapshots, partitionTtl, archiveLifetime, bytes);
  }

  /** The policy in one line, e.g. {@code snapshots 7d (last 5 kept), partitions kept, files 128MB}. */
  public String describe() {
    return "snapshots " + TextValues.duration(snapshotAge) + " (last " + minSnapshots + " kept), partitions "
        + partitionTtl.map(ttl -> TextValues.duration(ttl)).orElse("kept") + ", archives "
        + TextValues.duration(archiveLifetime) + ", files toward " + TextValues.size(targetFileSizeBytes);
  }
}
