package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.TableProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The commits that led to a table's current state, oldest first: every snapshot reachable from the current one
 * through its parents. Snapshots that expired are gone, and so are snapshots of abandoned branches.
 */
public record TableHistory(TableName table, List<HistoryEntry> entries) {
  public TableHistory {
    requireNonNull(table, "table is null");
    entries = List.copyOf(entries);
  }

  public static TableHistory of(AuditedTable audited) {
    Table table = audited.table();
    Map<Long, List<String>> tags = tagsBySnapshot(table);
    List<HistoryEntry> entries = new ArrayList<>();
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      entries.add(entry(snapshot, tags.getOrDefault(snapshot.snapshotId(), List.of())));
    }
    Collections.reverse(entries);
    return new TableHistory(audited.name(), entries);
  }

  private static HistoryEntry entry(Snapshot snapshot, List<String> tags) {
    Map<String, String> summary = snapshot.summary();
    return new HistoryEntry(
        snapshot.snapshotId(),
        Instant.ofEpochMilli(snapshot.timestampMillis()),
        String.valueOf(snapshot.operation()),
        Optional.ofNullable(summary.get(TableProperties.RUN_ID)),
        Optional.ofNullable(summary.get(TableProperties.ACTION)),
        Optional.ofNullable(summary.get(TableProperties.DS_RANGE)),
        Optional.ofNullable(summary.get(TableProperties.DEFINITION_HASH)),
        count(summary, SnapshotSummary.ADDED_RECORDS_PROP),
        count(summary, SnapshotSummary.DELETED_RECORDS_PROP),
        CoverageLedger.of(snapshot).map(ledger -> ledger.describe().strip()),
        tags);
  }

  /** Iceberg leaves a count out of the summary when it is zero. */
  private static long count(Map<String, String> summary, String property) {
    return Long.parseLong(summary.getOrDefault(property, "0"));
  }

  private static Map<Long, List<String>> tagsBySnapshot(Table table) {
    Map<Long, List<String>> tags = new TreeMap<>();
    new TreeMap<>(table.refs()).forEach((name, ref) -> {
      if (ref.isTag()) {
        tags.computeIfAbsent(ref.snapshotId(), id -> new ArrayList<>()).add(name);
      }
    });
    return tags;
  }
}
