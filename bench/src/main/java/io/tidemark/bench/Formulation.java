package io.tidemark.bench;

/** The ways the benchmark computes the same features, and what each stands for. */
enum Formulation {
  TIDEMARK("a", "Tidemark backfill (Iceberg in, Iceberg out)"),
  SPARK_RANGE_JOIN("b", "Spark SQL range join + conditional aggregation"),
  SPARK_WINDOW("c", "Spark SQL window functions (RANGE frames)"),
  DUCKDB_BEST("d", "DuckDB, 2 threads: ASOF running sums + window MAX"),
  DUCKDB_WINDOW("d'", "DuckDB, 2 threads: window functions (RANGE frames)"),
  FLOOR("e", "floor: Spark reads both inputs, writes a left-sized output");

  private final String label;
  private final String description;

  Formulation(String label, String description) {
    this.label = label;
    this.description = description;
  }

  String label() {
    return label;
  }

  String description() {
    return description;
  }
}
