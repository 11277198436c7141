package io.tidemark.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * Makes {@code s3://} and {@code s3a://} locations readable by Spark in a session, with the object storage settings of
 * its catalog: {@link ObjectStoreFileSystem} serves each of these schemes that has no working Hadoop file system yet.
 * A cluster that brings its own (EMRFS for {@code s3://}, hadoop-aws for {@code s3a://}) keeps it, and with it its
 * own settings. Every other scheme Hadoop knows ({@code hdfs://}, {@code gs://}, {@code abfs://}, {@code file://})
 * is read as the cluster is set up to read it.
 */
public final class ObjectStoreFiles {
  private static final List<String> SCHEMES = List.of("s3", "s3a");
  private static final List<String> STORAGE_PREFIXES = List.of("s3.", "client.", "http-client.");

  private ObjectStoreFiles() {}

  /**
   * A Hadoop configuration that reaches object storage as {@code config}'s catalog does, for reading files before
   * Spark starts (definitions kept in a bucket). A REST catalog (Nessie among them) is asked for the settings it hands
   * its clients, such as the S3 endpoint, since the catalog file need not repeat them.
   */
  public static Configuration withoutSpark(CatalogConfig config) {
    String prefix = "spark.sql.catalog." + config.name() + ".";
    Map<String, String> properties = new TreeMap<>();
    config.sparkProperties().forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        properties.put(key.substring(prefix.length()), value);
      }
    });
    if ("rest".equals(properties.get("type"))) {
      try (RESTCatalog rest = new RESTCatalog()) {
        rest.initialize(config.name(), properties);
        properties.putAll(rest.properties());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Configuration hadoop = new Configuration();
    configure(hadoop, properties);
    return hadoop;
  }

  /**
   * Adds to {@code hadoop} the file systems for the schemes that lack one, set up with the object storage properties
   * among {@code catalogProperties} (Iceberg's names: {@code s3.endpoint}, {@code client.region}, ...).
   */
  static void configure(Configuration hadoop, Map<String, String> catalogProperties) {
    for (String scheme : SCHEMES) {
      if (!hasWorkingFileSystem(hadoop, scheme)) {
        hadoop.set("fs." + scheme + ".impl", ObjectStoreFileSystem.class.getName());
      }
    }
    catalogProperties.forEach((key, value) -> {
      if (STORAGE_PREFIXES.stream().anyMatch(key::startsWith)) {
        hadoop.set(ObjectStoreFileSystem.PROPERTY_PREFIX + key, value);
      }
    });
  }

  private static boolean hasWorkingFileSystem(Configuration hadoop, String scheme) {
    String implementation = hadoop.get("fs." + scheme + ".impl");
    if (implementation == null || implementation.isBlank()) {
      return false;
    }
    try {
      hadoop.getClassByName(implementation.strip());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
