package io.tidemark.cli;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a command over one join runs with: the join's {@code --conf}, and the catalog it opens. */
class JoinJob extends CatalogJob {
  @Option(names = "--conf", required = true, paramLabel = "FILE", description = "The join definition. "
      + RemoteDefinitions.HELP)
  Path file;

  @Mixin
  DefinitionOptions definitions;

  /** The join in {@code --conf}, read before Spark starts; a definition of another kind is refused by name. */
  final Loaded<Join> join() {
    return Definitions.join(file, command.name(), readOptions(definitions), err());
  }
}
