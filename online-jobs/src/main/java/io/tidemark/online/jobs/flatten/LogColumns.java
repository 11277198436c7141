package io.tidemark.online.jobs.flatten;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.online.metadata.ServingField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a join's log table: the union of every logging schema version's keys, then of their values, each in
 * first-seen order (versions taken by publication time). A field removed in a later version stays a column; a field
 * keeps one type across versions.
 */
public record LogColumns(List<ServingField> keys, List<ServingField> values) {
  /** Columns every log table has, which no logged field may be called. */
  private static final Set<String> RESERVED =
      Set.of(Names.LOG_SCHEMA_HASH_COLUMN, Names.TIME_COLUMN, Names.PARTITION_COLUMN);

  public LogColumns {
    keys = List.copyOf(keys);
    values = List.copyOf(values);
  }

  /** The versions in the order their fields are first seen: by publication time, then by hash. */
  public static List<LogSchemaFile> inPublicationOrder(List<LogSchemaFile> versions) {
    return versions.stream()
        .sorted(Comparator.comparingLong(LogSchemaFile::publishedAt).thenComparing(LogSchemaFile::hash))
        .toList();
  }

  /**
   * Merges {@code versions} of {@code join}'s logging schema.
   *
   * @param schemaFolder where the schema files are, for messages
   */
  public static LogColumns merge(String join, List<LogSchemaFile> versions, String schemaFolder) {
    requireNonNull(join, "join is null");
    Map<String, Seen> seen = new LinkedHashMap<>();
    List<ServingField> keys = new ArrayList<>();
    List<ServingField> values = new ArrayList<>();
    for (LogSchemaFile version : inPublicationOrder(versions)) {
      add(join, version, version.keys(), keys, seen, schemaFolder);
      add(join, version, version.values(), values, seen, schemaFolder);
    }
    return new LogColumns(keys, values);
  }

  /** Every field column, keys first. */
  public List<ServingField> fields() {
    List<ServingField> fields = new ArrayList<>(keys);
    fields.addAll(values);
    return fields;
  }

  private static void add(String join, LogSchemaFile version, List<ServingField> fields, List<ServingField> columns,
      Map<String, Seen> seen, String schemaFolder) {
    for (ServingField field : fields) {
      if (RESERVED.contains(field.name())) {
        throw new TidemarkException(ErrorCode.MALFORMED_LOG, "Cannot flatten the log of " + join + ": schema "
            + "version " + version.hash() + " (" + schemaFolder + ") has a field named " + field.name() + ", which "
            + "the log table uses for its own column. Fix: rename the join's key or feature; " + RESERVED
            .stream().sorted().toList() + " are reserved.");
      }
      Seen before = seen.get(field.name());
      if (before == null) {
        seen.put(field.name(), new Seen(version.hash(), field.type()));
        columns.add(field);
      } else if (!before.type().equals(field.type())) {
        throw new TidemarkException(ErrorCode.MALFORMED_LOG, "Cannot flatten the log of " + join + ": field "
            + field.name() + " is " + before.type() + " in schema version " + before.version() + " but "
            + field.type() + " in version " + version.hash() + " (" + schemaFolder + "). Fix: a field keeps one "
            + "type across versions; log the new type under a new feature name (e.g. a new GroupBy version), then "
            + "move the records of one version out of the log folder to flatten the rest.");
      }
    }
  }

  private record Seen(String version, String type) {}
}
