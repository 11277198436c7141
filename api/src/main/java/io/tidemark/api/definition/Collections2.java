package io.tidemark.api.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep the order users wrote, which naming and output column order depend on. */
final class Collections2 {
  private Collections2() {}

  static <T> List<T> copyOfList(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  static <K, V> Map<K, V> copyOfOrderedMap(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
