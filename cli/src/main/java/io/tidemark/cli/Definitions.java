package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.json.ReadOptions;
import io.tidemark.api.load.DefinitionKind;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.api.validation.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the definition a command was given, before Spark starts: checks that it is the kind the command takes
 * (naming both when it is not), loads it and prints its warnings.
 */
final class Definitions {
  private Definitions() {}

  static Loaded<Join> join(Path file, ReadOptions options, PrintWriter err) {
    return warned(DefinitionLoader.loadJoin(file, options), err);
  }

  /** The join {@code command} takes; another kind of definition is refused by name. */
  static Loaded<Join> join(Path file, String command, ReadOptions options, PrintWriter err) {
    requireKind(file, DefinitionKind.JOIN, command);
    return join(file, options, err);
  }

  static Loaded<GroupBy> groupBy(Path file, ReadOptions options, PrintWriter err) {
    return warned(DefinitionLoader.loadGroupBy(file, options), err);
  }

  /** The GroupBy {@code command} takes; another kind of definition is refused by name. */
  static Loaded<GroupBy> groupBy(Path file, String command, ReadOptions options, PrintWriter err) {
    requireKind(file, DefinitionKind.GROUP_BY, command);
    return groupBy(file, options, err);
  }

  static Loaded<StagingQuery> stagingQuery(Path file, PrintWriter err) {
    return warned(DefinitionLoader.loadStagingQuery(file), err);
  }

  /** The table of a GroupBy, which needs an output namespace to have one. */
  static TableName groupByTable(Loaded<GroupBy> groupBy, String command) {
    String namespace = groupBy.definition().metaData().outputNamespace();
    if (namespace == null) {
      throw new InvalidDefinitionException(List.of(Problem.error(ErrorCode.MISSING_FIELD,
          groupBy.location().outputNamespace(), "is required to " + command + " a GroupBy's table",
          "name the namespace its table goes to, e.g. \"outputNamespace\": \"features\"")));
    }
    return new TableName(namespace, Names.cleanName(groupBy.definition().name()));
  }

  static TableName stagingQueryTable(Loaded<StagingQuery> query) {
    return new TableName(query.definition().metaData().outputNamespace(),
        Names.cleanName(query.definition().name()));
  }

  /** The kind's name for people: {@code join}, {@code GroupBy}, {@code staging query}. */
  static String describe(DefinitionKind kind) {
    return switch (kind) {
      case JOIN -> "join";
      case GROUP_BY -> "GroupBy";
      case STAGING_QUERY -> "staging query";
    };
  }

  private static void requireKind(Path file, DefinitionKind expected, String command) {
    DefinitionKind kind = DefinitionLoader.kindOf(file);
    if (kind != expected) {
      throw new InvalidDefinitionException(List.of(Problem.error(ErrorCode.INVALID_VALUE, Location.of(file.toString()),
          "this is a " + describe(kind) + "; `" + command + "` takes a " + describe(expected),
          "pass a " + describe(expected) + " (a file under " + expected.folder() + "/)")));
    }
  }

  private static <T> Loaded<T> warned(Loaded<T> definition, PrintWriter err) {
    Warnings.print(definition.warnings(), err);
    return definition;
  }
}
