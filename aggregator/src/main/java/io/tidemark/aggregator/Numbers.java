package io.tidemark.aggregator;

/** Conversions of input values, shared by the numeric aggregators. */
final class Numbers {
  private Numbers() {}

  static long toLong(Object value) {
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    return ((Number) value).longValue();
  }

  /** NaN and infinities are reported as NULL, as Chronon does. */
  static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
