package io.tidemark.maintenance.retention;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One setting of a {@link RetentionPolicy} that a definition ({@code metaData.tableProperties}), a table's properties or
 * the command line can set. In properties each is {@code tidemark.retention.<key>}; on the command line
 * {@code --<key>}.
 */
public enum RetentionSetting {
  SNAPSHOT_AGE("snapshot-age", "a duration such as 7d, 36h or 0s") {
    @Override
    RetentionPolicy apply(RetentionPolicy policy, String value) {
      return policy.withSnapshotAge(TextValues.parseDuration(value).orElseThrow());
    }
  },
  MIN_SNAPSHOTS("min-snapshots", "a whole number, 1 or more") {
    @Override
    RetentionPolicy apply(RetentionPolicy policy, String value) {
      return policy.withMinSnapshots(Integer.parseInt(value.strip()));
    }
  },
  PARTITION_TTL("partition-ttl", "a duration of 1d or more, or none to keep every partition") {
    @Override
    RetentionPolicy apply(RetentionPolicy policy, String value) {
      return policy.withPartitionTtl(value.strip().equalsIgnoreCase(NONE)
          ? Optional.empty() : Optional.of(TextValues.parseDuration(value).orElseThrow()));
    }
  },
  ARCHIVE_LIFETIME("archive-lifetime", "a duration such as 30d") {
    @Override
    RetentionPolicy apply(RetentionPolicy policy, String value) {
      return policy.withArchiveLifetime(TextValues.parseDuration(value).orElseThrow());
    }
  },
  TARGET_FILE_SIZE("target-file-size", "a size of 1MB or more, such as 128MB") {
    @Override
    RetentionPolicy apply(RetentionPolicy policy, String value) {
      return policy.withTargetFileSize(TextValues.parseSize(value).orElseThrow());
    }
  };

  /** The prefix of every retention setting among table properties. */
  public static final String PROPERTY_PREFIX = "tidemark.retention.";
  private static final String NONE = "none";

  private final String key;
  private final String accepted;

  RetentionSetting(String key, String accepted) {
    this.key = key;
    this.accepted = accepted;
  }

  /** {@code policy} with this setting at {@code value}; fails on a value this setting does not accept. */
  abstract RetentionPolicy apply(RetentionPolicy policy, String value);

  /** The setting's name among table properties, e.g. {@code tidemark.retention.snapshot-age}. */
  public String property() {
    return PROPERTY_PREFIX + key;
  }

  /** The command-line option, e.g. {@code --snapshot-age}. */
  public String option() {
    return "--" + key;
  }

  /** What values the setting takes, for error messages. */
  public String accepted() {
    return accepted;
  }

  /** The setting a table property names, if it is one. */
  public static Optional<RetentionSetting> fromProperty(String property) {
    return Arrays.stream(values()).filter(setting -> setting.property().equals(property)).findFirst();
  }

  /** Every setting's property name, for error messages. */
  public static String properties() {
    return Arrays.stream(values()).map(RetentionSetting::property).collect(Collectors.joining(", "));
  }
}
