package io.tidemark.cli;

import io.tidemark.api.validation.Problem;
import java.io.PrintWriter;
import java.util.List;

/** Prints definition warnings, which never stop a command. */
final class Warnings {
  private Warnings() {}

  static void print(List<Problem> warnings, PrintWriter err) {
    for (Problem warning : warnings) {
      err.println("warning: " + warning.render());
    }
    err.flush();
  }
}
