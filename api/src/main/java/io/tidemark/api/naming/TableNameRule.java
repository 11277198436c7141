package io.tidemark.api.naming;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for the names of tables Tidemark creates, whichever command creates them ({@code import}, a backfill's
 * output namespace): {@code namespace.table}, one level of namespace, each part made of ASCII letters, digits and
 * {@code _}. Such a name needs no escaping inside the quotes of the SQL Tidemark writes, as a folder of the warehouse
 * or in the catalog; it is what a join's own naming produces (a plain output namespace and a {@link Names#cleanName}
 * table).
 */
public final class TableNameRule {
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_]+");

  private TableNameRule() {}

  /** Whether {@code part} may be a namespace or a table name: letters, digits and {@code _}, at least one. */
  public static boolean isPlain(String part) {
    return PART.matcher(requireNonNull(part, "part is null")).matches();
  }

  /** Why {@code qualified} cannot name a table Tidemark creates, for people; empty when it can. */
  public static Optional<String> problem(String qualified) {
    requireNonNull(qualified, "qualified is null");
    String[] parts = qualified.split("\\.", -1);
    if (parts.length != 2) {
      return Optional.of(parts.length == 1 ? "has no namespace"
          : "has " + (parts.length - 1) + " dots, but a table has one level of namespace");
    }
    for (int i = 0; i < 2; i++) {
      if (!isPlain(parts[i])) {
        return Optional.of("has the " + (i == 0 ? "namespace" : "table name") + " \"" + parts[i] + "\", which is "
            + (parts[i].isEmpty() ? "empty" : "not made of letters, digits and _ only"));
      }
    }
    return Optional.empty();
  }
}
