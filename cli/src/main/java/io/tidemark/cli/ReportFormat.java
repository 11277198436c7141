package io.tidemark.cli;

/** How a command reports what it did: sentences for people, or one JSON document for programs. */
enum ReportFormat {
  TEXT,
  JSON
}
