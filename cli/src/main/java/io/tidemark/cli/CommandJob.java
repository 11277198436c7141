package io.tidemark.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of the mixins a command runs with: they find the command they are mixed into, its output streams and the
 * root command, so that no command declares its parent and spec field by field.
 */
abstract class CommandJob {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** Where results go. */
  final PrintWriter out() {
    return command.commandLine().getOut();
  }

  /** Where progress, warnings and the plans printed beside a JSON result go. */
  final PrintWriter err() {
    return command.commandLine().getErr();
  }

  /** The {@code tidemark} command, whose options are the fallback of the command's own. */
  final TidemarkCommand root() {
    return (TidemarkCommand) command.root().userObject();
  }
}
