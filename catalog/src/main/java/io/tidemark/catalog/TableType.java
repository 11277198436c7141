package io.tidemark.catalog;

import java.util.Locale;
import java.util.Optional;

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
  SOURCE,
  /** A join's online fetches, flattened into one column per key and value: {@code <join>_logged}. */
  LOG,
  /** A join's comparison of logged online values with the same rows computed offline. */
  CONSISTENCY,
  /** A GroupBy's daily partial aggregates per key: {@code <GroupBy>_partials}, a cache its backfills read. */
  PARTIALS;

  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type a {@link TableProperties#TABLE_TYPE} value names, if any. */
  public static Optional<TableType> fromPropertyValue(String value) {
    for (TableType type : values()) {
      if (type.propertyValue().equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
