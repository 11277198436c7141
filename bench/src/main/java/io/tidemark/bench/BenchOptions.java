package io.tidemark.bench;

import io.tidemark.catalog.EmbeddedCatalogConfig;
import io.tidemark.catalog.SparkSessions;
import io.tidemark.catalog.TidemarkCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The options the backfill benchmarks share: {@code --scale S|M}, {@code --repeat N}, {@code --reuse-data}. */
record BenchOptions(Scale scale, int repeat, boolean reuseData) {
  static BenchOptions parse(String[] args, int defaultRepeat) {
    Scale scale = Scale.S;
    int repeat = defaultRepeat;
    boolean reuseData = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Scale.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--reuse-data" -> reuseData = true;
        default -> throw new IllegalArgumentException("Unknown option " + args[i]
            + "; use --scale XS|S|M, --repeat N, --reuse-data");
      }
    }
    return new BenchOptions(scale, repeat, reuseData);
  }

  /** What a benchmark does with its catalog. */
  interface Body {
    void run(TidemarkCatalog catalog, BenchOptions options) throws Exception;
  }

  /** Runs {@code body} on a catalog opened for these options, stopping Spark after. */
  void run(Body body) throws Exception {
    TidemarkCatalog catalog = openCatalog();
    try {
      body.run(catalog, this);
    } finally {
      catalog.spark().stop();
    }
  }

  /** Where the scale's data and warehouse live. */
  Path directory() {
    return Path.of("bench", "work", scale.name()).toAbsolutePath();
  }

  /** A local Spark session on the scale's warehouse. */
  private TidemarkCatalog openCatalog() {
    EmbeddedCatalogConfig config = EmbeddedCatalogConfig.at(directory().resolve("warehouse"));
    return new TidemarkCatalog(SparkSessions.create(config, "local[*]", Map.of()), config);
  }

  /** The workload's data and Iceberg tables, generated unless reused. */
  Formulations prepare(TidemarkCatalog catalog) throws Exception {
    Formulations formulations = new Formulations(catalog, directory());
    if (!reuseData || !Files.isDirectory(formulations.data())) {
      Workload.generate(catalog.spark(), scale, formulations.data());
      formulations.loadIcebergTables();
    }
    return formulations;
  }
}
