package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableName;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A point in a table's history that someone named, resolved to the snapshot it means. The text is read, in this
 * order, as:
 * <ul>
 *   <li>a snapshot id of the table (all digits);
 *   <li>a time in UTC, meaning the snapshot that was current then: {@code 2026-11-21T10:15:30Z} (or with another
 *       offset), {@code 2026-11-21 10:15:30}, {@code 2026-11-21T10:15:30} or {@code 2026-11-21} (its midnight);
 *   <li>a tag or branch of the table ({@code main} is the current snapshot).
 * </ul>
 *
 * @param text what was asked for, without surrounding blanks
 * @param kind how the text was read
 * @param snapshotId the snapshot it resolved to
 * @param committedAt when that snapshot was committed
 */
public record AsOf(String text, Kind kind, long snapshotId, Instant committedAt) {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern DAY_FIRST = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?");

  /** How an as-of text was read. */
  public enum Kind {
    SNAPSHOT_ID,
    TIME,
    TAG,
    BRANCH
  }

  public AsOf {
    requireNonNull(text, "text is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(committedAt, "committedAt is null");
  }

  public static AsOf resolve(AuditedTable audited, String given) {
    String text = requireNonNull(given, "given is null").strip();
    Table table = audited.table();
    if (table.currentSnapshot() == null) {
      throw new TidemarkException(ErrorCode.NO_SUCH_SNAPSHOT, audited.name() + " has no snapshot yet, so '" + text
          + "' names nothing in it. Fix: run tidemark backfill first");
    }
    Optional<Snapshot> byId = snapshotWithId(table, text);
    if (byId.isPresent()) {
      return of(text, Kind.SNAPSHOT_ID, byId.get());
    }
    Optional<Instant> time = parseTime(text);
    if (time.isPresent()) {
      return atTime(audited.name(), table, text, time.get());
    }
    SnapshotRef ref = table.refs().get(text);
    if (ref != null) {
      return of(text, ref.isTag() ? Kind.TAG : Kind.BRANCH, table.snapshot(ref.snapshotId()));
    }
    throw new TidemarkException(ErrorCode.NO_SUCH_SNAPSHOT, "Cannot find '" + text + "' in " + audited.name()
        + ": it is not a snapshot id of the table, a time, or a tag or branch of the table. Fix: give a snapshot id "
        + "(tidemark audit history lists them), a time in UTC (2026-11-21T10:15:30Z, 2026-11-21 10:15:30 or "
        + "2026-11-21), or " + describeTags(table));
  }

  /** True when {@link #resolve} would read {@code text} as a snapshot id or a time rather than as a tag name. */
  static boolean readsAsSnapshotIdOrTime(String text) {
    String trimmed = text.strip();
    return DIGITS.matcher(trimmed).matches() || parseTime(trimmed).isPresent();
  }

  /** For people: {@code snapshot 123 (tag model-v3), committed 2026-11-21T10:15:30.123Z}. */
  public String describe() {
    String how = switch (kind) {
      case SNAPSHOT_ID -> "";
      case TIME -> " (current at " + text + ")";
      case TAG -> " (tag " + text + ")";
      case BRANCH -> " (branch " + text + ")";
    };
    return "snapshot " + snapshotId + how + ", committed " + committedAt;
  }

  private static AsOf atTime(TableName name, Table table, String text, Instant time) {
    Long id = SnapshotUtil.nullableSnapshotIdAsOfTime(table, time.toEpochMilli());
    if (id == null) {
      Instant first = Instant.ofEpochMilli(SnapshotUtil.oldestAncestor(table).timestampMillis());
      throw new TidemarkException(ErrorCode.NO_SUCH_SNAPSHOT, "No snapshot of " + name + " was current at "
          + time + " ('" + text + "'): its oldest snapshot was committed at " + first + ". Fix: give a time at or "
          + "after " + first + ", or a snapshot id from tidemark audit history");
    }
    Snapshot snapshot = table.snapshot(id);
    if (snapshot == null) {
      throw new TidemarkException(ErrorCode.NO_SUCH_SNAPSHOT, "The snapshot of " + name + " that was current at "
          + time + " ('" + text + "'), " + id + ", has expired. Fix: give a later time, or a snapshot id from "
          + "tidemark audit history");
    }
    return of(text, Kind.TIME, snapshot);
  }

  private static Optional<Snapshot> snapshotWithId(Table table, String text) {
    if (!DIGITS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(table.snapshot(Long.parseLong(text)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static AsOf of(String text, Kind kind, Snapshot snapshot) {
    return new AsOf(text, kind, snapshot.snapshotId(), Instant.ofEpochMilli(snapshot.timestampMillis()));
  }

  private static Optional<Instant> parseTime(String text) {
    if (!DAY_FIRST.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      if (text.length() == 10) {
        return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME
          .parseBest(text.replace(' ', 'T'), ZonedDateTime::from, LocalDateTime::from);
      return Optional.of(parsed instanceof ZonedDateTime zoned
          ? zoned.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String describeTags(Table table) {
    List<String> tags = table.refs().entrySet().stream()
        .filter(ref -> ref.getValue().isTag())
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
    return tags.isEmpty()
        ? "a tag (the table has none yet; tidemark audit tag creates one)"
        : "one of the table's tags: " + String.join(", ", tags);
  }
}
