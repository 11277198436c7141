package io.tidemark.maintenance.retention;

import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The kinds of table that retention treats differently, each with its own default {@link RetentionPolicy}. */
public enum TableKind {
  /** A join's training set. */
  JOIN,
  /** A GroupBy's or a staging query's table, which joins read as a part. */
  PART,
  /** A join's labels. */
  LABELS,
  /** Raw data loaded with {@code tidemark import}. */
  SOURCE,
  /** A join's flattened log of online fetches. */
  LOG,
  /** A join's comparison of logged and offline values. */
  CONSISTENCY,
  /**
   * A GroupBy's daily partial aggregates: a cache of its sources, which keeps the days its longest window needs before
   * its newest day.
   */
  PARTIALS,
  /** A table kept when its join rebuilt it; purged once older than its lifetime. */
  ARCHIVE;

  /** The kind of a table with these Iceberg properties; empty for a table Tidemark did not write. */
  public static Optional<TableKind> of(Map<String, String> properties) {
    if (properties.containsKey(TableProperties.ARCHIVED_FROM)) {
      return Optional.of(ARCHIVE);
    }
    return TableType.fromPropertyValue(properties.get(TableProperties.TABLE_TYPE)).map(type -> switch (type) {
      case JOIN -> JOIN;
      case GROUP_BY, STAGING_QUERY -> PART;
      case LABELS -> LABELS;
      case SOURCE -> SOURCE;
      case LOG -> LOG;
      case CONSISTENCY -> CONSISTENCY;
      case PARTIALS -> PARTIALS;
    });
  }

  /** The kind's name for people: {@code join}, {@code archive}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
