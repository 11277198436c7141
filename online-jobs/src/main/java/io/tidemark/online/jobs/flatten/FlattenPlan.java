package io.tidemark.online.jobs.flatten;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.online.metadata.ServingField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code log-flatten} will do, decided before anything is written: the days it writes or replaces, the schema
 * versions it adds to the schema table, and the columns it adds to the log table.
 *
 * @param logFolder the join's raw log folder
 * @param onlyDay the one day the run was asked to flatten, if any
 * @param columns the log table's field columns after the run
 * @param versions every schema version, in publication order
 * @param newVersions the versions the schema table lacks
 * @param newColumns the field columns the log table lacks (all of them when it is created)
 * @param skippedFolders folders of the raw log named like days but whose names are not days: not flattened, counted
 */
public record FlattenPlan(
    String join,
    String logFolder,
    Optional<Day> onlyDay,
    TableName logTable,
    TableName schemaTable,
    List<DayPlan> days,
    LogColumns columns,
    List<LogSchemaFile> versions,
    List<LogSchemaFile> newVersions,
    TableAction tableAction,
    List<ServingField> newColumns,
    List<SkippedFolder> skippedFolders) {

  public FlattenPlan {
    requireNonNull(join, "join is null");
    requireNonNull(logFolder, "logFolder is null");
    requireNonNull(onlyDay, "onlyDay is null");
    days = List.copyOf(days);
    versions = List.copyOf(versions);
    newVersions = List.copyOf(newVersions);
    newColumns = List.copyOf(newColumns);
    skippedFolders = List.copyOf(skippedFolders);
  }

  /** The days written or replaced. */
  public List<RawDay> daysToWrite() {
    return days.stream().filter(day -> day.action() != DayAction.KEEP).map(DayPlan::raw).toList();
  }

  /** Whether the run would commit nothing. */
  public boolean isEmpty() {
    return daysToWrite().isEmpty() && newVersions.isEmpty();
  }

  /** The plan for people, one line each. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (days.isEmpty()) {
      lines.add((skippedFolders.isEmpty() ? "No raw log for " : "No day of the raw log for ") + join
          + onlyDay.map(day -> " of ds=" + day).orElse("") + " under " + logFolder + ": nothing to flatten.");
      skippedFolders.forEach(folder -> lines.add("  " + folder.describe()));
      return lines;
    }
    lines.add("Flatten the log of " + join + " from " + logFolder + " into " + logTable + " (" + versions.size()
        + " schema version(s))");
    newVersions.forEach(version -> lines.add("  schema version " + version.hash() + ": add to " + schemaTable));
    switch (tableAction) {
      case CREATE -> lines.add("  create " + logTable + " with " + columns.fields().size() + " key and value columns");
      case ADD_COLUMNS -> lines.add("  add columns to " + logTable + ": "
          + String.join(", ", newColumns.stream().map(field -> field.name() + " " + field.type()).toList()));
      case KEEP -> { }
    }
    days.forEach(day -> lines.add("  " + day.describe()));
    skippedFolders.forEach(folder -> lines.add("  " + folder.describe()));
    return lines;
  }
}
