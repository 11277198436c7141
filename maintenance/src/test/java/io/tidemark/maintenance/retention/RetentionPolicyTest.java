package io.tidemark.maintenance.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.catalog.TableProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void defaultsDependOnTheKindOfTable() {
    assertThat(RetentionPolicy.defaultFor(TableKind.JOIN))
        .isEqualTo(new RetentionPolicy(Duration.ofDays(7), 5, Optional.empty(), Duration.ofDays(30), 128 * MIB));
    assertThat(RetentionPolicy.defaultFor(TableKind.PART))
        .isEqualTo(new RetentionPolicy(Duration.ofDays(3), 3, Optional.empty(), Duration.ofDays(30), 128 * MIB));
    assertThat(RetentionPolicy.defaultFor(TableKind.LOG).partitionTtl()).contains(Duration.ofDays(90));
    assertThat(RetentionPolicy.defaultFor(TableKind.LOG).describe())
        .isEqualTo("snapshots 3d (last 3 kept), partitions 90d, archives 30d, files toward 128.0 MB");
  }

  @Test
  void theCommandLineWinsOverTheDefinitionWhichWinsOverTheTable() {
    RetentionOverrides table = RetentionOverrides.fromProperties(Map.of(
        "tidemark.retention.snapshot-age", "2d", "tidemark.retention.min-snapshots", "9",
        "tidemark.retention.partition-ttl", "30d", "write.format.default", "parquet"), "table t",
        ErrorCode.INVALID_VALUE);
    RetentionOverrides definition = RetentionOverrides.fromProperties(Map.of(
        "tidemark.retention.snapshot-age", "36h", "tidemark.retention.partition-ttl", "none"), "join.json",
        ErrorCode.INVALID_VALUE);
    RetentionOverrides commandLine = RetentionOverrides.fromOptions(Map.of(RetentionSetting.SNAPSHOT_AGE, "0s",
        RetentionSetting.TARGET_FILE_SIZE, "64MB"));

    RetentionPolicy policy = table.then(definition).then(commandLine).applyTo(RetentionPolicy.defaultFor(
        TableKind.LOG));

    assertThat(policy).isEqualTo(new RetentionPolicy(Duration.ZERO, 9, Optional.empty(), Duration.ofDays(30),
        64 * MIB));
  }

  @Test
  void anUnknownSettingNamesTheKnownOnes() {
    assertThatThrownBy(() -> RetentionOverrides.fromProperties(Map.of("tidemark.retention.max-age", "7d"),
        "join.json (metaData.tableProperties)", ErrorCode.INVALID_VALUE))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-106 Unknown retention setting tidemark.retention.max-age in join.json (metaData.tableProperties). "
            + "Fix: use one of tidemark.retention.snapshot-age, tidemark.retention.min-snapshots, "
            + "tidemark.retention.partition-ttl, tidemark.retention.archive-lifetime, "
            + "tidemark.retention.target-file-size")
        .extracting(error -> ((TidemarkException) error).category()).isEqualTo(ErrorCategory.INVALID_DEFINITION);
  }

  @Test
  void aWrongValueSaysWhatTheSettingTakes() {
    assertThatThrownBy(() -> RetentionOverrides.fromProperties(Map.of("tidemark.retention.snapshot-age", "a week"),
        "join.json", ErrorCode.INVALID_VALUE))
        .hasMessage("TM-106 Invalid retention setting tidemark.retention.snapshot-age = 'a week' in join.json. Fix: give a "
            + "duration such as 7d, 36h or 0s");
    assertThatThrownBy(() -> RetentionOverrides.fromOptions(Map.of(RetentionSetting.MIN_SNAPSHOTS, "0")))
        .hasMessage("TM-201 Invalid --min-snapshots '0'. Cannot keep 0 snapshots at least: the current one is always kept, "
            + "use 1 or more. Fix: give a whole number, 1 or more")
        .extracting(error -> ((TidemarkException) error).category()).isEqualTo(ErrorCategory.INVALID_ARGUMENT);
    assertThatThrownBy(() -> RetentionOverrides.fromOptions(Map.of(RetentionSetting.PARTITION_TTL, "12h")))
        .hasMessage("TM-201 Invalid --partition-ttl '12h'. Cannot keep partitions for 12h: a partition holds a day, use 1d "
            + "or more. Fix: give a duration of 1d or more, or none to keep every partition");
    assertThatThrownBy(() -> RetentionOverrides.fromOptions(Map.of(RetentionSetting.TARGET_FILE_SIZE, "12 apples")))
        .hasMessage("TM-201 Invalid --target-file-size '12 apples'. Fix: give a size of 1MB or more, such as 128MB");
  }

  @Test
  void theOrphanFloorIsAtLeastADay() {
    assertThatThrownBy(() -> new MaintenanceOptions(java.time.Instant.EPOCH, Duration.ofHours(23),
        RetentionOverrides.none()))
        .hasMessage("TM-201 Cannot remove orphan files younger than 1d (asked: 23h): a file that young may belong to a "
            + "commit still in progress. Fix: pass --orphan-older-than 24h or more (default 3d)");
    assertThat(new MaintenanceOptions(java.time.Instant.EPOCH, Duration.ofHours(24), RetentionOverrides.none())
        .orphanFloor()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void theKindComesFromTheTablesProperties() {
    assertThat(TableKind.of(Map.of(TableProperties.TABLE_TYPE, "join"))).contains(TableKind.JOIN);
    assertThat(TableKind.of(Map.of(TableProperties.TABLE_TYPE, "staging_query"))).contains(TableKind.PART);
    assertThat(TableKind.of(Map.of(TableProperties.TABLE_TYPE, "log"))).contains(TableKind.LOG);
    assertThat(TableKind.of(Map.of(TableProperties.TABLE_TYPE, "join", TableProperties.ARCHIVED_FROM, "ns.t")))
        .contains(TableKind.ARCHIVE);
    assertThat(TableKind.of(Map.of("owner", "someone else"))).isEmpty();
  }
}
