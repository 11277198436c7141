package io.tidemark.api.definition;

import static java.util.Objects.requireNonNull;

/** One named, typed field of an external source's keys or values. */
public record ExternalField(String name, FieldType type) {
  public ExternalField {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }
}
