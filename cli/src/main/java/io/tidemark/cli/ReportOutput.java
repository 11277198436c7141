package io.tidemark.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --format text|json} of commands that report what they planned or did. With json, standard output holds one
 * JSON document (progress still goes to standard error), so a scheduler can read fields instead of sentences.
 */
final class ReportOutput {
  @Option(names = "--format", paramLabel = "FORMAT",
      description = "text or json (default: ${DEFAULT-VALUE}); json prints one JSON document on standard output.")
  ReportFormat format = ReportFormat.TEXT;

  boolean json() {
    return format == ReportFormat.JSON;
  }

  /** Prints {@code document} (maps, lists and plain values) as one line of JSON. */
  void print(Object document, PrintWriter out) {
    out.println(RowPrinter.json(document));
    out.flush();
  }
}
