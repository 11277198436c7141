package io.tidemark.catalog;

import java.util.Locale;

/** What a table Tidemark wrote holds; stored in the table property {@code tidemark.table-type}. */
public enum TableType {
  /** A join's training set. */
  JOIN,
  /** A join's labels, one version per {@code label_ds}. */
  LABELS,
  /** A GroupBy's daily aggregates per key. */
  GROUP_BY,
  /** A staging query's result. */
  STAGING_QUERY,
  /** Raw data loaded with {@code tidemark import}. */
  SOURCE;

  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
