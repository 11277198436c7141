package io.tidemark.cli;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.json.ReadOptions;
import io.tidemark.api.load.DefinitionKind;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import java.io.PrintWriter;
import java.nio.file.Path;

/** A definition read from its file, with its kind. */
record LoadedDefinition(DefinitionKind kind, Loaded<?> loaded) {
  LoadedDefinition {
    requireNonNull(kind, "kind is null");
    requireNonNull(loaded, "loaded is null");
  }

  /** Reads {@code file} as the kind its folder (or content) says, printing its warnings. */
  static LoadedDefinition read(Path file, ReadOptions options, PrintWriter err) {
    DefinitionKind kind = DefinitionLoader.kindOf(file);
    Loaded<?> loaded = switch (kind) {
      case JOIN -> Definitions.join(file, options, err);
      case GROUP_BY -> Definitions.groupBy(file, options, err);
      case STAGING_QUERY -> Definitions.stagingQuery(file, err);
    };
    return new LoadedDefinition(kind, loaded);
  }

  /** The definition, typed; {@code type} must be the kind's. */
  @SuppressWarnings("unchecked")
  <T> Loaded<T> as(Class<T> type) {
    if (!type.isInstance(loaded.definition())) {
      throw new IllegalStateException("Cannot read a " + kind + " as " + type.getSimpleName());
    }
    return (Loaded<T>) loaded;
  }
}
