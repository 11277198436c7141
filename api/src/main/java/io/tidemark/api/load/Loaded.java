package io.tidemark.api.load;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.validation.Problem;
import java.util.List;

/** A definition read from a file, with the warnings found on the way (errors would have been thrown). */
public record Loaded<T>(T definition, String file, List<Problem> warnings) {
  public Loaded {
    requireNonNull(definition, "definition is null");
    requireNonNull(file, "file is null");
    warnings = List.copyOf(warnings);
  }
}
