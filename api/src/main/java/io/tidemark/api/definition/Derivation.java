package io.tidemark.api.definition;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One output column computed from a definition's other output columns: a Spark SQL expression over one row's base
 * columns (a join's left and part columns, a GroupBy's keys and aggregations), written under {@code name}. The
 * derivation {@code {"name": "*", "expression": "*"}} keeps every base value column that no derivation uses verbatim
 * as its expression; without it only the derived columns (and the keys, times and {@code ds}) are written.
 */
public record Derivation(String name, String expression) {
  /** The name and expression of the derivation that keeps the base columns. */
  public static final String STAR = "*";
  /** What a derived column may be named: a column name Spark and Trino read without quotes. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public Derivation {
    requireNonNull(name, "name is null");
    requireNonNull(expression, "expression is null");
    checkArgument(!expression.isBlank(), "Cannot derive %s: the expression is blank", name);
    checkArgument(name.equals(STAR) || NAME.matcher(name).matches(), "Cannot derive %s: not a column name", name);
    checkArgument(name.equals(STAR) == expression.equals(STAR),
        "Cannot derive %s from %s: * is only both the name and the expression", name, expression);
  }

  /** The derivation that keeps the base columns. */
  public static Derivation star() {
    return new Derivation(STAR, STAR);
  }

  public boolean isStar() {
    return name.equals(STAR);
  }

  /** Whether the derivation writes a column as itself ({@code {"name": "ds", "expression": "ds"}}): a no-op. */
  public boolean isIdentity() {
    return !isStar() && expression.strip().equals(name);
  }
}
