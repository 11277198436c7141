package io.tidemark.maintenance.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.maintenance.retention.CompactionSelection.PartitionFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionArithmeticTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void aPartitionExpiresOnceItsWholeDayIsOlderThanTheTtl() {
    // At 2023-12-31 06:00 a 30-day TTL reaches back to 2023-12-01 06:00: 2023-11-30 ended before that, 2023-12-01
    // had not.
    Instant now = Instant.parse("2023-12-31T06:00:00Z");
    assertThat(PartitionExpiry.expiredDays(List.of("2023-12-01", "2023-11-29", "2023-11-30", "2023-12-30"),
        Duration.ofDays(30), now)).containsExactly("2023-11-29", "2023-11-30");
    // At midnight exactly the day that just reached the TTL goes too.
    assertThat(PartitionExpiry.expiredDays(List.of("2023-12-01", "2023-11-30"), Duration.ofDays(30),
        Instant.parse("2023-12-31T00:00:00Z"))).containsExactly("2023-11-30");
  }

  @Test
  void compactionTakesPartitionsWithTwoSmallFilesOrWithDeletes() {
    long target = 128 * MIB;
    PartitionFiles twoSmall = new PartitionFiles("2023-11-01", List.of(MIB, 2 * MIB), 0);
    PartitionFiles oneSmall = new PartitionFiles("2023-11-02", List.of(MIB), 0);
    PartitionFiles withDeletes = new PartitionFiles("2023-11-03", List.of(120 * MIB), 1);
    PartitionFiles wellSized = new PartitionFiles("2023-11-04", List.of(100 * MIB, 97 * MIB), 0);
    PartitionFiles oneSmallOneLarge = new PartitionFiles("2023-11-05", List.of(MIB, 120 * MIB), 0);

    assertThat(CompactionSelection.select(List.of(twoSmall, oneSmall, withDeletes, wellSized, oneSmallOneLarge),
        target)).containsExactly(twoSmall, withDeletes);
  }

  @Test
  void durationsAndSizesReadAndPrintAsPeopleWriteThem() {
    assertThat(TextValues.parseDuration("7d")).contains(Duration.ofDays(7));
    assertThat(TextValues.parseDuration(" 36H ")).contains(Duration.ofHours(36));
    assertThat(TextValues.parseDuration("90m")).contains(Duration.ofMinutes(90));
    assertThat(TextValues.parseDuration("0s")).contains(Duration.ZERO);
    assertThat(TextValues.parseDuration("7")).isEmpty();
    assertThat(TextValues.parseDuration("-1d")).isEmpty();
    assertThat(TextValues.parseSize("128MB")).contains(128 * MIB);
    assertThat(TextValues.parseSize("1gb")).contains(1024 * MIB);
    assertThat(TextValues.parseSize("4096")).contains(4096L);
    assertThat(TextValues.parseSize("1TB")).isEmpty();
    assertThat(TextValues.duration(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(TextValues.duration(Duration.ofHours(36))).isEqualTo("36h");
    assertThat(TextValues.duration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(TextValues.size(812)).isEqualTo("812 B");
    assertThat(TextValues.size(3_500)).isEqualTo("3.4 KB");
    assertThat(TextValues.size(128 * MIB)).isEqualTo("128.0 MB");
  }
}
