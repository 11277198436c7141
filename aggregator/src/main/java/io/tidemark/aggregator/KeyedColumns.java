package io.tidemark.aggregator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One aggregation per key: per bucket value for bucketed aggregations, per map key for string-map inputs. The result
 * maps each key that holds a value to it, in key order. As in Chronon, a window that saw non-null maps but no values
 * gives an empty map; a window without maps or bucketed values gives NULL.
 */
final class KeyedColumns implements ColumnAggregator {
  private final Supplier<ColumnAggregator> perKey;
  private final Map<String, ColumnAggregator> columns = new HashMap<>();
  private long inputs;

  KeyedColumns(Supplier<ColumnAggregator> perKey) {
    this.perKey = perKey;
  }

  @Override
  public void add(long sequence, Object value) {
    if (value instanceof BucketValue bucketed) {
      columns.computeIfAbsent(bucketed.bucket(), ignored -> perKey.get()).add(sequence, bucketed.value());
      inputs++;
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, element) -> {
        if (key != null) {
          columns.computeIfAbsent(key.toString(), ignored -> perKey.get()).add(sequence, element);
        }
      });
      inputs++;
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    if (value instanceof BucketValue bucketed) {
      ColumnAggregator column = columns.get(bucketed.bucket());
      if (column != null) {
        column.remove(sequence, bucketed.value());
      }
      inputs--;
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, element) -> {
        ColumnAggregator column = key == null ? null : columns.get(key.toString());
        if (column != null) {
          column.remove(sequence, element);
        }
      });
      inputs--;
    }
  }

  @Override
  public void retract(Object value) {
    if (value instanceof BucketValue bucketed) {
      ColumnAggregator column = columns.get(bucketed.bucket());
      if (column != null) {
        column.retract(bucketed.value());
      }
      inputs--;
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, element) -> {
        ColumnAggregator column = key == null ? null : columns.get(key.toString());
        if (column != null) {
          column.retract(element);
        }
      });
      inputs--;
    }
  }

  @Override
  public Object result() {
    if (inputs == 0) {
      return null;
    }
    Map<String, Object> results = new TreeMap<>();
    columns.forEach((key, column) -> {
      Object result = column.result();
      if (result != null) {
        results.put(key, result);
      }
    });
    return results;
  }

  @Override
  public void reset() {
    columns.clear();
    inputs = 0;
  }
}
