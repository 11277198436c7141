package io.tidemark.catalog;

import io.tidemark.api.hash.Fingerprint;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What each day of some tables is made of, as a {@link Fingerprint} of the files that hold its rows: every data file
 * and delete file, by location and row count. Iceberg never changes a file in place, so a day's version changes
 * whenever rows are added to it, deleted from it or rewritten, and stays the same while the day is untouched, read
 * from metadata alone (no data is scanned).
 *
 * <p>A file belongs to the day of its {@code ds} partition when the table is partitioned by {@code ds}; otherwise to
 * the days between its smallest and largest {@code ds} (file statistics), or to every day when it has none. A change
 * to such a file therefore changes every day it may hold: a version can change when a day did not, never the reverse.
 */
public final class DayVersions {
  private DayVersions() {}

  /** The version of each of {@code days} over all of {@code tables} (a day without files has one too). */
  public static SortedMap<Day, String> of(List<Table> tables, Collection<Day> days) {
    NavigableSet<String> wanted = new TreeSet<>(Day.texts(days));
    Map<String, List<String>> files = new TreeMap<>();
    wanted.forEach(day -> files.put(day, new ArrayList<>()));
    for (Table table : tables) {
      String prefix = table.uuid() + " ";
      int position = TidemarkCatalog.identityPartitionPosition(table);
      Types.NestedField day = table.schema().findField(Names.PARTITION_COLUMN);
      boolean bounded = position < 0 && day != null && day.type().typeId() == Type.TypeID.STRING;
      try (CloseableIterable<FileScanTask> tasks = bounded
          ? table.newScan().includeColumnStats(List.of(Names.PARTITION_COLUMN)).planFiles()
          : table.newScan().planFiles()) {
        for (FileScanTask task : tasks) {
          DataFile file = task.file();
          Collection<String> of = position >= 0
              ? List.of(String.valueOf(file.partition().get(position, Object.class)))
              : bounded ? daysWithin(wanted, file, day.fieldId()) : wanted;
          for (String fileDay : of) {
            List<String> lines = files.get(fileDay);
            if (lines != null) {
              lines.add(prefix + line(file));
              task.deletes().forEach(delete -> lines.add(prefix + line(delete)));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    SortedMap<Day, String> versions = new TreeMap<>();
    files.forEach((fileDay, lines) -> versions.put(Day.parse(fileDay), Fingerprint.of(String.join("\n", lines.stream()
        .sorted().toList()))));
    return versions;
  }

  private static String line(ContentFile<?> file) {
    String kind = file instanceof DeleteFile ? "delete " : "data ";
    return kind + file.location() + " " + file.recordCount();
  }

  /** The days among {@code days} between the file's smallest and largest {@code ds}; all of them without bounds. */
  private static Collection<String> daysWithin(NavigableSet<String> days, DataFile file, int fieldId) {
    ByteBuffer lower = file.lowerBounds() == null ? null : file.lowerBounds().get(fieldId);
    ByteBuffer upper = file.upperBounds() == null ? null : file.upperBounds().get(fieldId);
    if (lower == null || upper == null) {
      return days;
    }
    String from = Conversions.<CharSequence>fromByteBuffer(Types.StringType.get(), lower).toString();
    String to = Conversions.<CharSequence>fromByteBuffer(Types.StringType.get(), upper).toString();
    // A truncated upper bound is rounded up, so it is still at least every value in the file.
    return days.subSet(from, true, to, true);
  }
}
