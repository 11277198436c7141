package io.tidemark.aggregator;

import java.nio.ByteBuffer;
import java.util.Comparator;

/** Comparing, hashing and reporting input values, shared by the aggregators. */
final class Values {
  /** Natural order of numbers and strings, the input types of MIN, MAX, TOP_K and BOTTOM_K. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static final Comparator<Object> NATURAL = (a, b) -> ((Comparable) a).compareTo(b);

  private Values() {}

  /** A value usable as a hash key: byte arrays compare by content. */
  static Object hashable(Object value) {
    return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
  }

  /** The value as it should be reported: NaN and infinities are NULL, as Chronon does for finished numbers. */
  static Object sane(Object value) {
    if (value instanceof Double number) {
      return Double.isFinite(number) ? number : null;
    }
    if (value instanceof Float number) {
      return Float.isFinite(number) ? number : null;
    }
    return value;
  }
}
