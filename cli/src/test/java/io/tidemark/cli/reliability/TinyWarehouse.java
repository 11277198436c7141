package io.tidemark.cli.reliability;

import io.tidemark.catalog.EmbeddedCatalogConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;

/**
 * A real embedded warehouse with one empty table, {@code data.checkouts}, written by Iceberg's JDBC catalog with the
 * settings Tidemark opens it with, without Spark: what a test damages to see how commands treat a lost catalog. A
 * join over it is at {@link #join}.
 */
final class TinyWarehouse {
  static final String JOIN = """
      {"metaData": {"name": "tiny.training.v1", "outputNamespace": "tiny"},
       "left": {"events": {"table": "data.checkouts",
         "query": {"selects": {"user_id": "user_id", "ts": "ts"}, "timeColumn": "ts"}}},
       "joinParts": [{"groupBy": {"metaData": {"name": "tiny.checkouts.v1"},
         "sources": [{"events": {"table": "data.checkouts",
           "query": {"selects": {"user_id": "user_id", "ts": "ts"}, "timeColumn": "ts"}}}],
         "keyColumns": ["user_id"],
         "aggregations": [{"inputColumn": "ts", "operation": "COUNT"}]}}]}
      """;

  private TinyWarehouse() {}

  /** Creates the warehouse at {@code folder}, and its join at {@code <folder>-definitions/joins/tiny/training.v1}. */
  static Path create(Path folder) {
    EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(folder);
    config.prepare();
    Map<String, String> properties = new HashMap<>();
    String prefix = "spark.sql.catalog." + config.name() + ".";
    config.sparkProperties().forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        properties.put(key.substring(prefix.length()), value);
      }
    });
    try (JdbcCatalog catalog = new JdbcCatalog()) {
      catalog.setConf(new Configuration());
      catalog.initialize(config.name(), properties);
      catalog.createNamespace(Namespace.of("data"));
      Schema schema = new Schema(Types.NestedField.optional(1, "user_id", Types.StringType.get()),
          Types.NestedField.optional(2, "ts", Types.LongType.get()),
          Types.NestedField.optional(3, "ds", Types.StringType.get()));
      catalog.createTable(TableIdentifier.of("data", "checkouts"), schema,
          PartitionSpec.builderFor(schema).identity("ds").build());
    }
    return folder;
  }

  /** The join over the warehouse's table, written beside it. */
  static Path join(Path folder) {
    try {
      Path file = folder.resolveSibling(folder.getFileName() + "-definitions").resolve("joins/tiny/training.v1");
      Files.createDirectories(file.getParent());
      return Files.writeString(file, JOIN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
