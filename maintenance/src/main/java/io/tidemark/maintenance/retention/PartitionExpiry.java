package io.tidemark.maintenance.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/** Which daily partitions a partition TTL deletes: those whose whole day ended more than the TTL ago. */
public final class PartitionExpiry {
  private PartitionExpiry() {}

  /** The days among {@code days} ({@code yyyy-MM-dd}, UTC) that a TTL of {@code ttl} deletes at {@code now}, sorted. */
  public static List<String> expiredDays(Collection<String> days, Duration ttl, Instant now) {
    Instant cutoff = now.minus(ttl);
    return days.stream()
        .filter(day -> !LocalDate.parse(day).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff))
        .sorted()
        .toList();
  }
}
