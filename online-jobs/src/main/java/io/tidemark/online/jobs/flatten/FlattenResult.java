package io.tidemark.online.jobs.flatten;

import io.tidemark.api.time.Day;
import java.util.List;

/**
 * What a flatten run did.
 *
 * @param days the days written or replaced
 * @param records the records written
 * @param skippedLines lines that did not parse as a record (a line torn by a crash), which were not written
 * @param versionsAdded the schema versions added to the schema table
 * @param skippedFolders folders named like days whose names are not days, whose records were not written
 */
public record FlattenResult(String logTable, List<Day> days, long records, long skippedLines, int versionsAdded,
    List<SkippedFolder> skippedFolders) {
  public FlattenResult {
    days = List.copyOf(days);
    skippedFolders = List.copyOf(skippedFolders);
  }

  /** The one-line summary. */
  public String summary() {
    String summary = days.isEmpty() && versionsAdded == 0
        ? "Flattened nothing into " + logTable + ": no new raw records."
        : "Flattened " + records + " record(s) of " + days.size() + " day(s) into " + logTable + " (" + skippedLines
            + " unparsable line(s) skipped, " + versionsAdded + " schema version(s) added).";
    if (skippedFolders.isEmpty()) {
      return summary;
    }
    return summary + " Skipped " + skippedFolders.stream().mapToLong(SkippedFolder::records).sum() + " record(s) in "
        + "folders whose names are not days: " + String.join(", ", skippedFolders.stream()
            .map(folder -> folder.name() + " (" + folder.records() + ")").toList()) + ".";
  }
}
