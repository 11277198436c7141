package io.tidemark.catalog;

import java.util.Optional;

/**
 * The Iceberg format version of the tables Tidemark creates. Version 3 (row lineage, deletion vectors) is the default;
 * a definition chooses version 2 for readers that lack version 3 with the table property {@code format-version}.
 */
public enum TableFormat {
  V2(2),
  V3(3);

  /** The Iceberg table property that holds the version. */
  public static final String PROPERTY = "format-version";
  /** What Tidemark creates unless told otherwise. */
  public static final TableFormat DEFAULT = V3;

  private final int version;

  TableFormat(int version) {
    this.version = version;
  }

  public int version() {
    return version;
  }

  public String propertyValue() {
    return Integer.toString(version);
  }

  /** The format of a version number, if Tidemark writes it. */
  public static Optional<TableFormat> of(int version) {
    for (TableFormat format : values()) {
      if (format.version == version) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
