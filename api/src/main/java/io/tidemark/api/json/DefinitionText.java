package io.tidemark.api.json;

import static java.util.Objects.requireNonNull;

/** The text of one definition and the file it came from, as the user would name it in a path. */
public record DefinitionText(String file, String text) {
  public DefinitionText {
    requireNonNull(file, "file is null");
    requireNonNull(text, "text is null");
  }
}
