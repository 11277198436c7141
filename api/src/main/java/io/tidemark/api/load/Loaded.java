package io.tidemark.api.load;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.Location;
import io.tidemark.api.validation.Problem;
import java.util.List;

/**
 * A definition read from a file, with the warnings found on the way (errors would have been thrown), and its
 * location: the whole file, from which the engine steps into the node a problem is about.
 */
public record Loaded<T>(T definition, Location location, List<Problem> warnings) {
  public Loaded {
    requireNonNull(definition, "definition is null");
    requireNonNull(location, "location is null");
    warnings = List.copyOf(warnings);
  }

  /** The file the definition was read from, as the user named it. */
  public String file() {
    return location.file();
  }
}
