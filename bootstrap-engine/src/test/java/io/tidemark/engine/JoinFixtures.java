package io.tidemark.engine;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.Map;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Small helpers for tests of joins (the engine's and the label join's): SQL on the shared session, definitions from
 * text, rows as Java values.
 */
public final class JoinFixtures {
  public static final TidemarkCatalog CATALOG = SharedSpark.catalog();

  private JoinFixtures() {}

  public static void sql(String statement) {
    CATALOG.spark().sql(statement);
  }

  public static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  public static Loaded<Join> join(Path folder, String name, String json) {
    return DefinitionLoader.loadJoin(write(folder.resolve("joins/test/" + name), json));
  }

  public static Loaded<GroupBy> groupBy(Path folder, String name, String json) {
    return DefinitionLoader.loadGroupBy(write(folder.resolve("group_bys/test/" + name), json));
  }

  private static Path write(Path file, String json) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plans and runs a full backfill of the join. */
  public static BackfillResult backfill(Loaded<Join> join) {
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    return backfill.run(backfill.plan(BackfillRange.all()), BackfillListener.NONE);
  }

  /** The rows of a query, with Spark's lists and maps as Java lists and maps. */
  public static List<List<Object>> rows(String query) {
    return rows(CATALOG.spark().sql(query));
  }

  /**
   * The rows of a query over a join's output, without the row key column (which holds hashes) and the provenance
   * column (which holds run ids).
   */
  public static List<List<Object>> rowsWithoutRowKey(String query) {
    return rows(CATALOG.spark().sql(query).drop(Names.ROW_KEY_COLUMN, Names.PROVENANCE_COLUMN));
  }

  private static List<List<Object>> rows(Dataset<Row> result) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : result.collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(java(row.get(i)));
      }
      rows.add(values);
    }
    return rows;
  }

  private static Object java(Object value) {
    if (value instanceof Seq<?> seq) {
      List<Object> list = new ArrayList<>();
      CollectionConverters.asJava(seq).forEach(element -> list.add(java(element)));
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      java.util.Map<Object, Object> converted = new java.util.TreeMap<>();
      CollectionConverters.asJava(map).forEach((key, element) -> converted.put(java(key), java(element)));
      return converted;
    }
    return value;
  }
}
