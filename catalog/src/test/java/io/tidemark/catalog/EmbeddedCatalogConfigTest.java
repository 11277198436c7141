package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedCatalogConfigTest {
  @Test
  void opensAJdbcCatalogWithViewsOnASqliteFileInTheWarehouse() {
    EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(Path.of("/data/wh"));

    assertThat(config.sparkProperties())
        .containsEntry("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
        .containsEntry("spark.sql.catalog.lake.type", "jdbc")
        .containsEntry("spark.sql.catalog.lake.uri", "jdbc:tidemark-sqlite:/data/wh/catalog.db")
        .containsEntry("spark.sql.catalog.lake.jdbc.schema-version", "V1")
        .containsEntry("spark.sql.catalog.lake.warehouse", "file:///data/wh")
        .containsEntry("spark.sql.catalog.lake.cache-enabled", "false");
    assertThat(config.describe()).isEqualTo("embedded catalog 'lake' in /data/wh");
  }

  @Test
  void relativeWarehousesAreMadeAbsolute() {
    assertThat(EmbeddedCatalogConfig.at(Path.of("warehouse")).warehouse())
        .isEqualTo(Path.of("").toAbsolutePath().resolve("warehouse"));
  }

  @Test
  void catalogNamesMustBePlainIdentifiers() {
    assertThatThrownBy(() -> new EmbeddedCatalogConfig("My-Lake", Path.of("w"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use catalog name 'My-Lake': use lower-case letters, digits, _");
  }
}
