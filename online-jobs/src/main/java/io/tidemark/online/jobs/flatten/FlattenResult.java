package io.tidemark.online.jobs.flatten;

import java.util.List;

/**
 * What a flatten run did.
 *
 * @param days the days written or replaced
 * @param records the records written
 * @param skippedLines lines that did not parse as a record (a line torn by a crash), which were not written
 * @param versionsAdded the schema versions added to the schema table
 */
public record FlattenResult(String logTable, List<String> days, long records, long skippedLines, int versionsAdded) {
  public FlattenResult {
    days = List.copyOf(days);
  }

  /** The one-line summary. */
  public String summary() {
    if (days.isEmpty() && versionsAdded == 0) {
      return "Flattened nothing into " + logTable + ": no new raw records.";
    }
    return "Flattened " + records + " record(s) of " + days.size() + " day(s) into " + logTable + " ("
        + skippedLines + " unparsable line(s) skipped, " + versionsAdded + " schema version(s) added).";
  }
}
