package io.tidemark.cli;

import io.tidemark.api.json.ReadOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code --conf} option of commands that take a join, and how the join is read. */
final class JoinConf {
  @Option(names = "--conf", required = true, paramLabel = "FILE", description = "The join definition. " + RemoteDefinitions.HELP)
  Path file;

  @Mixin
  DefinitionOptions definitions;

  /** How to read the join, for a command of {@code root} with {@code spark}'s catalog options. */
  ReadOptions readOptions(TidemarkCommand root, SparkOptions spark) {
    return root.readOptions(definitions, spark.catalog);
  }
}
