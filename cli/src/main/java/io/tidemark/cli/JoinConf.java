package io.tidemark.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --conf} option of commands that take a join. */
final class JoinConf {
  @Option(names = "--conf", required = true, paramLabel = "FILE", description = "The join definition. " + RemoteDefinitions.HELP)
  Path file;
}
