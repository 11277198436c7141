package io.tidemark.labels;

import static java.util.Objects.requireNonNull;

/** An SQL dialect a catalog view is stored in, by the name the Iceberg view spec gives it. */
public enum SqlDialect {
  SPARK("spark", '`'),
  TRINO("trino", '"');

  private final String viewDialect;
  private final char quote;

  SqlDialect(String viewDialect, char quote) {
    this.viewDialect = viewDialect;
    this.quote = quote;
  }

  /** The dialect's name in an Iceberg view's SQL representations. */
  public String viewDialect() {
    return viewDialect;
  }

  /** {@code identifier} quoted for this dialect, with the quote character doubled inside. */
  public String quote(String identifier) {
    requireNonNull(identifier, "identifier is null");
    String q = String.valueOf(quote);
    return q + identifier.replace(q, q + q) + q;
  }
}
