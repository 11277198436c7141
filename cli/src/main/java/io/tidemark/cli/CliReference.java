package io.tidemark.cli;

import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;

/**
 * The command-line reference ({@code docs/cli.md}), generated from the picocli model: every command and subcommand
 * with its usage, options and exit codes, exactly as {@code --help} prints them.
 */
final class CliReference {
  private CliReference() {}

  static String markdown() {
    CommandLine root = TidemarkCommand.commandLine(new NoCatalogs());
    StringBuilder text = new StringBuilder();
    text.append("# Command-line reference\n\n")
        .append("Generated from the command's own model (the text each command prints with `--help`); a test fails "
            + "when this page is stale. To regenerate it: `mvn -pl cli -am test -Dtest=CliReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dtidemark.cli-reference.write=true`.\n\n");
    append(root, "tidemark", text);
    return text.toString();
  }

  private static void append(CommandLine command, String path, StringBuilder text) {
    text.append("## ").append(path).append("\n\n```\n")
        .append(command.getUsageMessage(Help.Ansi.OFF).stripTrailing()).append("\n```\n\n");
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (!(sub.getValue().getCommand() instanceof HelpCommand)) {
        append(sub.getValue(), path + " " + sub.getKey(), text);
      }
    }
  }

  /** The model only: no command runs, so no catalog is ever opened. */
  private static final class NoCatalogs implements CatalogOpener {
    @Override
    public TidemarkCatalog open(SparkOptions options, CatalogAccess access) {
      throw new IllegalStateException("The reference opens no catalog");
    }

    @Override
    public void close() {}
  }
}
