package io.tidemark.api.naming;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/** A table in Tidemark's catalog: {@code namespace.name}. */
public record TableName(String namespace, String name) {
  public TableName {
    requireNonNull(namespace, "namespace is null");
    requireNonNull(name, "name is null");
    checkArgument(!namespace.isBlank() && !name.isBlank(), "Cannot create table name: blank part in %s.%s", namespace, name);
  }

  /** Parses {@code namespace.table}; the namespace is everything before the last dot. */
  public static TableName parse(String qualified) {
    requireNonNull(qualified, "qualified is null");
    int dot = qualified.lastIndexOf('.');
    checkArgument(dot > 0 && dot < qualified.length() - 1,
        "Cannot parse table name '%s': expected namespace.table", qualified);
    return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  @Override
  public String toString() {
    return namespace + "." + name;
  }
}
