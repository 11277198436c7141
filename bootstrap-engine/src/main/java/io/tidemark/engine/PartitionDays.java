package io.tidemark.engine;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.api.validation.Problems;
import java.util.Collection;
import java.util.List;

/**
 * The {@code ds} values of a table a definition reads, checked before a plan reads them as {@link Day}s: a table
 * written with another day format (often {@code yyyyMMdd}) is the user's to convert, so it is reported against the
 * field that names the table, with the conversion, rather than failing where the first such day is parsed.
 */
final class PartitionDays {
  /** How many values that are not days a problem shows. */
  private static final int SHOWN = 3;

  private PartitionDays() {}

  /** Adds a problem at {@code field} when any of {@code table}'s {@code partitions} is not a day. */
  static void check(TableName table, Collection<String> partitions, Location field, Problems problems) {
    List<String> notDays = partitions.stream().filter(day -> !PartitionDates.isValid(day)).limit(SHOWN).toList();
    if (!notDays.isEmpty()) {
      problems.error(ErrorCode.INVALID_VALUE, field, table + " has ds values that are not days written yyyy-MM-dd, "
          + "e.g. " + String.join(", ", notDays), "write ds as yyyy-MM-dd (e.g. 2023-11-01); rewrite the table with a "
          + "converted ds column, e.g. date_format(to_date(ds, 'yyyyMMdd'), 'yyyy-MM-dd')");
    }
  }
}
