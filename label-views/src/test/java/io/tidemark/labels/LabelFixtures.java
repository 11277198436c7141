package io.tidemark.labels;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillListener;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.JoinBackfill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Small helpers for label tests: SQL on the shared session, definitions from text, rows as Java values. */
final class LabelFixtures {
  static final TidemarkCatalog CATALOG = SharedSpark.catalog();

  private LabelFixtures() {}

  static void sql(String statement) {
    CATALOG.spark().sql(statement);
  }

  static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  static Loaded<Join> join(Path folder, String name, String json) {
    try {
      Path file = folder.resolve("joins/test/" + name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, json);
      return DefinitionLoader.loadJoin(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void backfill(Loaded<Join> join) {
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    backfill.run(backfill.plan(BackfillRange.all()), BackfillListener.NONE);
  }

  static LabelResult label(Loaded<Join> join, LabelRange range) {
    LabelJoin labels = new LabelJoin(CATALOG, join);
    return labels.run(labels.plan(range), LabelListener.NONE);
  }

  static List<List<Object>> rows(String query) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : CATALOG.spark().sql(query).collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(row.get(i));
      }
      rows.add(values);
    }
    return rows;
  }

  /** A list that may hold NULLs, which {@code List.of} refuses. */
  static List<Object> row(Object... values) {
    return java.util.Arrays.asList(values);
  }
}
