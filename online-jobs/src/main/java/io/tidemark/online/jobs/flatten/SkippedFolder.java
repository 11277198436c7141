package io.tidemark.online.jobs.flatten;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A folder of the raw log named like a day's ({@code ds=...}) whose name is not a day written {@code yyyy-MM-dd}, such
 * as {@code ds=+292278994-08-17} from a request time far outside the calendar. Its records cannot be put in a
 * partition, so they are not flattened; they are counted and named instead, never dropped silently.
 *
 * @param name the folder's name, e.g. {@code ds=+292278994-08-17}
 * @param files its segment files
 * @param records the records in them: their non-blank lines
 */
public record SkippedFolder(String name, int files, long records) {
  public SkippedFolder {
    requireNonNull(name, "name is null");
    checkArgument(files >= 0 && records >= 0, "Cannot count %s files and %s records", files, records);
  }

  /** One line for people, e.g. {@code ds=+292278994-08-17: not a day; its 1 record(s) in 1 file(s) are skipped}. */
  public String describe() {
    return name + ": not a day written yyyy-MM-dd; its " + records + " record(s) in " + files + " file(s) are skipped";
  }
}
