package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/** Builds the Spark session Tidemark runs in, with its catalog as the current catalog. */
public final class SparkSessions {
  static final String PLAN_STRING_FIELDS = "spark.sql.debug.maxToStringFields";

  private SparkSessions() {}

  /**
   * Settings Tidemark picks for readable output, each of which a user may want otherwise: those not among
   * {@code given} (the driver's system properties, where spark-submit puts its {@code --conf} values). A builder
   * setting would override such a value, so a tuned one is left out when the user gave the key.
   */
  static Map<String, String> tunedSettings(Properties given) {
    Map<String, String> tuned = new LinkedHashMap<>();
    // Tidemark reports progress per step; Spark's stage bars would interleave with it.
    tuned.put("spark.ui.showConsoleProgress", "false");
    // Join outputs are wide; without this Spark warns each time it prints a plan.
    tuned.put(PLAN_STRING_FIELDS, "1000");
    tuned.keySet().removeIf(key -> given.getProperty(key) != null);
    return tuned;
  }

  /**
   * A session for {@code catalog}. With {@code master} set (e.g. {@code local[*]}) Spark runs inside this JVM, bound
   * to loopback; with null, the master comes from spark-submit.
   */
  public static SparkSession create(CatalogConfig catalog, String master, Map<String, String> extraSettings) {
    requireNonNull(catalog, "catalog is null");
    catalog.prepare();
    SparkSession.Builder builder = SparkSession.builder().appName("tidemark");
    if (master != null) {
      builder.master(master)
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }
    builder.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config("spark.sql.defaultCatalog", catalog.name())
        .config("spark.sql.catalog." + TransactionCatalog.NAME, TransactionCatalog.class.getName());
    tunedSettings(System.getProperties()).forEach(builder::config);
    catalog.sparkProperties().forEach(builder::config);
    extraSettings.forEach(builder::config);
    return builder.getOrCreate();
  }
}
